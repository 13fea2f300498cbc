import { Form } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { Alert, SelectField, SubmitButton, TextAreaField, TextField } from "./forms/field";
import { FormToken } from "./forms/form-token";
import { ErrorSummary } from "./forms/error-summary";
import { useI18n } from "~/lib/i18n/react";
import { PhotoEditor, type SavedPhotoPreview } from "./photo-editor";
import { VariantRows } from "./variant-rows";

/**
 * The fields of the member's product form, shared by "new product" and "edit". `values` fills them
 * (a failed submit, or the version being edited); `savedPhotos` are the version's photos, in order.
 */
export function ProductEditorFields(props: {
  categories: { id: string; name: string; kind: "food" | "craft" }[];
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
  withStock: boolean;
  savedPhotos?: SavedPhotoPreview[];
}) {
  const { t } = useI18n();
  const { values, errors, categories } = props;
  const [categoryId, setCategoryId] = useState(values.categoryId ?? "");
  const hydrated = useHydrated();
  const kind = categories.find((c) => c.id === categoryId)?.kind;
  // The category's kind decides which label fields show. Before the page's script runs (or without it) a form with
  // no category yet shows both, so it can still be filled in; the server keeps only the chosen kind's fields.
  const shows = (which: "food" | "craft") => (kind ? kind === which : !hydrated);
  const field = (name: string, label: string, extra: Record<string, unknown> = {}) => (
    <TextField name={name} label={label} defaultValue={values[name]} error={errors[name]} {...extra} />
  );
  return (
    <>
        <fieldset className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <legend className="px-1 font-semibold">{t("product.section.basics")}</legend>
          <SelectField
            name="categoryId"
            label={t("filter.category")}
            placeholder={t("product.placeholder.category")}
            options={categories.map((c) => ({ value: c.id, label: c.name }))}
            value={categoryId}
            onChange={(event) => setCategoryId(event.currentTarget.value)}
            error={errors.categoryId}
          />
          {field("nameId", t("product.field.nameId"))}
          {field("nameEn", t("product.field.nameEn"))}
          <TextAreaField name="descriptionId" label={t("product.field.descriptionId")} defaultValue={values.descriptionId} error={errors.descriptionId} />
          <TextAreaField name="descriptionEn" label={t("product.field.descriptionEn")} defaultValue={values.descriptionEn} error={errors.descriptionEn} />
          <div className="grid gap-4 sm:grid-cols-2">
            {field("variantName_0", t("product.field.variantName"), { hint: t("product.hint.variantName") })}
            {field("variantNameEn_0", t("product.field.variantNameEn"))}
            {field("price", t("product.field.price"), { inputMode: "numeric", hint: t("product.hint.price") })}
            {props.withStock ? field("stock", t("product.field.stock"), { inputMode: "numeric" }) : null}
          </div>
          <input type="hidden" name="variantId_0" value={values.variantId_0 ?? ""} />
          <VariantRows values={values} errors={errors} withStock={props.withStock} />
        </fieldset>
        <fieldset className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <legend className="px-1 font-semibold">{t("product.section.photos")}</legend>
          <PhotoEditor saved={props.savedPhotos ?? []} errors={errors} />
        </fieldset>
        <fieldset className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <legend className="px-1 font-semibold">{t("product.section.label")}</legend>
          <p className="text-sm text-muted">{t("product.label.intro")}</p>
          <p className="text-xs text-muted">{t("joining.product.kindHint")}</p>
          {field("producerAddress", t("product.field.producerAddress"), { hint: t("product.hint.producerAddress") })}
          <KindFields kind="food" shown={shows("food")} legend={t("joining.product.foodSection")}>
            {field("netQuantity", t("label.netQuantity"), { hint: t("product.hint.netQuantity") })}
            <TextAreaField name="ingredientsId" label={t("label.ingredients")} defaultValue={values.ingredientsId} error={errors.ingredientsId} rows={2} />
            {field("allergensId", t("label.allergens"))}
            <SelectField
              name="registrationType"
              label={t("product.field.registrationType")}
              options={(["pirt", "bpom_md", "bpom_ml", "none"] as const).map((type) => ({ value: type, label: t(`product.registration.${type}`) }))}
              defaultValue={values.registrationType ?? "pirt"}
              error={errors.registrationType}
            />
            {field("registrationNumber", t("product.field.registrationNumber"), { hint: t("product.hint.registrationNumber") })}
            {field("halalCertificateNumber", t("label.halal"), { hint: t("product.hint.halal") })}
            {field("shelfLifeDays", t("product.field.shelfLifeDays"), { inputMode: "numeric" })}
            {field("storageId", t("label.storage"))}
            <EnglishDetails open={["ingredientsEn", "allergensEn", "storageEn"].some((name) => values[name])}>
              <TextAreaField name="ingredientsEn" label={t("product.labelEn.ingredients")} defaultValue={values.ingredientsEn} error={errors.ingredientsEn} rows={2} />
              {field("allergensEn", t("product.labelEn.allergens"))}
              {field("storageEn", t("product.labelEn.storage"))}
            </EnglishDetails>
          </KindFields>
          <KindFields kind="craft" shown={shows("craft")} legend={t("joining.product.craftSection")}>
            {field("materialId", t("label.material"), { hint: t("product.hint.craft") })}
            {field("sizeText", t("label.size"))}
            {field("careId", t("label.care"))}
            <EnglishDetails open={["materialEn", "careEn"].some((name) => values[name])}>
              {field("materialEn", t("product.labelEn.material"))}
              {field("careEn", t("product.labelEn.care"))}
            </EnglishDetails>
          </KindFields>
        </fieldset>
        <fieldset className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <legend className="px-1 font-semibold">{t("product.section.shipping")}</legend>
          {field("weightGrams", t("product.field.weight"), { inputMode: "numeric" })}
          <div className="grid grid-cols-3 gap-3">
            {field("lengthCm", t("product.field.length"), { inputMode: "numeric" })}
            {field("widthCm", t("product.field.width"), { inputMode: "numeric" })}
            {field("heightCm", t("product.field.height"), { inputMode: "numeric" })}
          </div>
        </fieldset>
    </>
  );
}

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/**
 * One kind's label fields. Hidden ones are also disabled, so they are not sent, and what was typed in them stays
 * in the page when the member switches the category back.
 */
function KindFields(props: { kind: "food" | "craft"; shown: boolean; legend: string; children: ReactNode }) {
  return (
    <fieldset id={`label-${props.kind}`} hidden={!props.shown} disabled={!props.shown} className="space-y-4 rounded-xl ring-1 ring-sand-200 p-3">
      <legend className="px-1 text-sm font-semibold">{props.legend}</legend>
      {props.children}
    </fieldset>
  );
}

function EnglishDetails(props: { open: boolean; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <details className="rounded-xl bg-sand-50 p-3" open={props.open}>
      <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-semibold text-sea-700">{t("product.label.english")}</summary>
      <p className="mb-3 text-xs text-muted">{t("product.label.englishIntro")}</p>
      <div className="space-y-4">{props.children}</div>
    </details>
  );
}

/** The whole editor form with its problems summed up on top and the two ways to save. */
export function ProductEditorForm(props: Parameters<typeof ProductEditorFields>[0] & { formToken?: string }) {
  const { t } = useI18n();
  const { errors } = props;
  return (
    <>
      {errors.form ? <Alert tone="error">{t(errors.form as "product.error.saveFailed")}</Alert> : null}
      <ErrorSummary errors={errors} />
      <Form method="post" encType="multipart/form-data" className="space-y-6" noValidate>
        {props.formToken ? <FormToken token={props.formToken} /> : null}
        <ProductEditorFields {...props} />
        <div className="flex flex-wrap gap-3">
          <SubmitButton intent="submit">{t("product.submitForReview")}</SubmitButton>
          <SubmitButton intent="draft" tone="quiet">{t("product.saveDraft")}</SubmitButton>
        </div>
      </Form>
    </>
  );
}
