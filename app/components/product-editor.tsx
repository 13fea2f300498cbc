import { Form } from "@remix-run/react";
import { Alert, SelectField, SubmitButton, TextAreaField, TextField } from "./forms/field";
import { FormToken } from "./forms/form-token";
import { useI18n } from "~/lib/i18n/react";
import { PhotoEditor, type SavedPhotoPreview } from "./photo-editor";
import { VariantRows } from "./variant-rows";

/**
 * The fields of the member's product form, shared by "new product" and "edit". `values` fills them
 * (a failed submit, or the version being edited); `savedPhotos` are the version's photos, in order.
 */
export function ProductEditorFields(props: {
  categories: { id: string; name: string }[];
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
  withStock: boolean;
  savedPhotos?: SavedPhotoPreview[];
}) {
  const { t } = useI18n();
  const { values, errors, categories } = props;
  const field = (name: string, label: string, extra: Record<string, unknown> = {}) => (
    <TextField name={name} label={label} defaultValue={values[name]} error={errors[name]} {...extra} />
  );
  return (
    <>
        <fieldset className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <legend className="px-1 font-semibold">{t("product.section.basics")}</legend>
          <SelectField name="categoryId" label={t("filter.category")} placeholder={t("product.placeholder.category")} options={categories.map((c) => ({ value: c.id, label: c.name }))} defaultValue={values.categoryId ?? ""} error={errors.categoryId} />
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
          {field("producerAddress", t("product.field.producerAddress"), { hint: t("product.hint.producerAddress") })}
          {field("materialId", t("label.material"), { hint: t("product.hint.craft") })}
          {field("sizeText", t("label.size"))}
          {field("careId", t("label.care"))}
          <details className="rounded-xl bg-sand-50 p-3" open={["ingredientsEn", "allergensEn", "storageEn", "materialEn", "careEn"].some((name) => values[name])}>
            <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-semibold text-sea-700">{t("product.label.english")}</summary>
            <p className="mb-3 text-xs text-muted">{t("product.label.englishIntro")}</p>
            <div className="space-y-4">
              <TextAreaField name="ingredientsEn" label={t("product.labelEn.ingredients")} defaultValue={values.ingredientsEn} error={errors.ingredientsEn} rows={2} />
              {field("allergensEn", t("product.labelEn.allergens"))}
              {field("storageEn", t("product.labelEn.storage"))}
              {field("materialEn", t("product.labelEn.material"))}
              {field("careEn", t("product.labelEn.care"))}
            </div>
          </details>
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

/** The whole editor form with its problems summed up on top and the two ways to save. */
export function ProductEditorForm(props: Parameters<typeof ProductEditorFields>[0] & { formToken?: string }) {
  const { t } = useI18n();
  const { errors } = props;
  const count = Object.keys(errors).filter((key) => key !== "form" && errors[key]).length;
  return (
    <>
      {errors.form ? <Alert tone="error">{t(errors.form as "product.error.saveFailed")}</Alert> : null}
      {count > 0 ? <Alert tone="error">{t("form.fixErrorsCount", { count })}</Alert> : null}
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
