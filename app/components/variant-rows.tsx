import { useState } from "react";
import { useI18n } from "~/lib/i18n/react";
import { MAX_VARIANTS } from "~/modules/catalog/listings/listing-limits";
import { TextField } from "./forms/field";

const extraRows = Array.from({ length: MAX_VARIANTS - 1 }, (_, index) => index + 1);

/**
 * The product's further variants (the first one is the main name, price and stock fields). Rows with
 * something in them show; "add" opens the next; removing a row leaves it out of the post, so an
 * existing variant stops being sold in the new version while its SKU and stock history stay.
 */
export function VariantRows(props: { values: Record<string, string | undefined>; errors: Record<string, string | undefined>; withStock: boolean }) {
  const { t } = useI18n();
  const { values, errors } = props;
  const used = (n: number) => Boolean(values[`variantName_${n}`] || values[`variantPrice_${n}`] || errors[`variantName_${n}`] || errors[`variantPrice_${n}`] || errors[`variantStock_${n}`]);
  const [shown, setShown] = useState<number[]>(() => extraRows.filter(used));
  const next = extraRows.find((n) => !shown.includes(n));
  return (
    <div className="space-y-3 rounded-xl bg-sand-50 p-3">
      <p className="text-xs text-muted">{t("product.variants.intro")}</p>
      {shown.map((n, position) => {
        const label = position + 2;
        return (
          <fieldset key={n} className="space-y-3 rounded-lg bg-white p-3 ring-1 ring-sand-200">
            <legend className="sr-only">{t("product.variants.legend", { n: label })}</legend>
            <input type="hidden" name={`variantId_${n}`} value={values[`variantId_${n}`] ?? ""} />
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField name={`variantName_${n}`} label={t("product.variants.name", { n: label })} defaultValue={values[`variantName_${n}`]} error={errors[`variantName_${n}`]} />
              <TextField name={`variantNameEn_${n}`} label={t("product.variants.nameEn", { n: label })} defaultValue={values[`variantNameEn_${n}`]} />
              <TextField name={`variantPrice_${n}`} label={t("product.variants.price", { n: label })} defaultValue={values[`variantPrice_${n}`]} error={errors[`variantPrice_${n}`]} inputMode="numeric" />
              {props.withStock ? (
                <TextField name={`variantStock_${n}`} label={t("product.variants.stock", { n: label })} defaultValue={values[`variantStock_${n}`]} error={errors[`variantStock_${n}`]} inputMode="numeric" />
              ) : null}
            </div>
            <button type="button" onClick={() => setShown((current) => current.filter((row) => row !== n))} className="min-h-11 text-sm font-semibold text-clay-700 underline">
              {t("product.variants.remove", { n: label })}
            </button>
          </fieldset>
        );
      })}
      {next !== undefined ? (
        <button type="button" onClick={() => setShown((current) => [...current, next])} className="inline-flex min-h-11 items-center text-sm font-semibold text-sea-700">
          + {t("product.variants.more")}
        </button>
      ) : (
        <p className="text-xs text-muted">{t("product.variants.max", { max: MAX_VARIANTS })}</p>
      )}
      {!props.withStock && shown.length > 0 ? <p className="text-xs text-muted">{t("product.variants.removeNote")}</p> : null}
    </div>
  );
}
