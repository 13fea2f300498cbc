import type { ProductDetail } from "~/modules/catalog/shop/product.server";
import { useI18n } from "~/lib/i18n/react";

/** The label facts shoppers look for on packaged food, or the facts of a craft. */
export function LabelFacts(props: { product: ProductDetail }) {
  const { t } = useI18n();
  const { label, kind } = props.product;
  const rows: [string, string][] = [];
  if (kind === "food") {
    if (label.netQuantity) rows.push([t("label.netQuantity"), label.netQuantity]);
    if (label.ingredients) rows.push([t("label.ingredients"), label.ingredients]);
    if (label.allergens) rows.push([t("label.allergens"), label.allergens]);
    if (label.registrationType !== "none" && label.registrationNumber)
      rows.push([t(`label.registration.${label.registrationType}`), label.registrationNumber]);
    rows.push([t("label.halal"), label.halalCertificateNumber ?? t("label.halalMissing")]);
    if (label.shelfLifeDays) rows.push([t("label.shelfLife"), shelfLife(label.shelfLifeDays, t)]);
    if (label.storage) rows.push([t("label.storage"), label.storage]);
  } else {
    if (label.material) rows.push([t("label.material"), label.material]);
    if (label.sizeText) rows.push([t("label.size"), label.sizeText]);
    if (label.care) rows.push([t("label.care"), label.care]);
  }
  if (label.producerAddress) rows.push([t("label.producer"), `${props.product.producer.name}, ${label.producerAddress}`]);
  return (
    <section aria-labelledby="label-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
      <h2 id="label-heading" className="text-lg font-semibold">
        {kind === "food" ? t("label.titleFood") : t("label.titleCraft")}
      </h2>
      <dl className="mt-3 divide-y divide-sand-200 text-sm">
        {rows.map(([term, value]) => (
          <div key={term} className="grid gap-1 py-2.5 sm:grid-cols-[11rem_1fr]">
            <dt className="font-medium text-muted">{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function shelfLife(days: number, t: ReturnType<typeof useI18n>["t"]) {
  if (days >= 360 && days % 30 <= 5) return t("label.shelfLifeYears", { n: Math.round(days / 365) || 1 });
  if (days >= 60) return t("label.shelfLifeMonths", { n: Math.round(days / 30) });
  return t("label.shelfLifeDays", { n: days });
}
