import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/forms/field";
import { fieldErrors, formValues } from "~/lib/forms.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { createProduct, submitVersion, type DraftImage } from "~/modules/catalog/listings.server";
import { categoryChoices, uniqueProductSlug, variantIdsOf } from "~/modules/catalog/member-products.server";
import { missingForKind, productFormSchema } from "~/modules/catalog/product-form";
import { adjustStock } from "~/modules/catalog/stock.server";
import { requireMemberUser } from "~/modules/identity/guards.server";
import { slugify } from "~/modules/membership/slug";
import { storeImage } from "~/modules/media/store.server";
import { checkImage, fileBytes, readMultipartForm } from "~/modules/media/upload.server";

const photoFields = [
  ["photo_product", "product"],
  ["photo_packaging_front", "packaging_front"],
  ["photo_label_back", "label_back"],
] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireMemberUser(request, context);
  return { categories: await categoryChoices(context.db, cooperative.id, resolveLocale(request)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, member, actor } = await requireMemberUser(request, context);
  const read = await readMultipartForm(request);
  if ("tooLarge" in read) return data({ ok: false as const, errors: { form: "upload.error.tooLarge" }, values: {} }, { status: 413 });
  const { formData } = read;
  const values = formValues(formData);
  const parsed = productFormSchema.safeParse(values);
  const categories = await categoryChoices(context.db, cooperative.id, resolveLocale(request));
  const category = parsed.success ? categories.find((c) => c.id === parsed.data.categoryId) : undefined;
  const errors: Record<string, string> = parsed.success ? (category ? missingForKind(parsed.data, category.kind) : { categoryId: "product.error.category" }) : fieldErrors(parsed.error);

  // Every photo is checked, so one submit reports every problem at once; nothing is stored before all pass.
  const photos: { role: DraftImage["role"]; bytes: Buffer }[] = [];
  for (const [field, role] of photoFields) {
    const bytes = await fileBytes(formData.get(field));
    if (!bytes) {
      errors[field] = "product.error.photoRequired";
      continue;
    }
    const checked = await checkImage(bytes);
    if (!checked.ok) errors[field] = checked.error;
    else photos.push({ role, bytes });
  }
  if (!parsed.success || Object.keys(errors).length > 0) return data({ ok: false as const, errors, values }, { status: 422 });
  const form = parsed.data;

  const images: DraftImage[] = [];
  for (const photo of photos) images.push({ assetId: await storeImage(context.db, context.mediaRoot, cooperative.id, photo.bytes), role: photo.role });
  const slug = await uniqueProductSlug(context.db, cooperative.id, slugify(form.nameId));
  const sku = `${slug.slice(0, 24).toUpperCase()}-${Date.now().toString(36).toUpperCase()}`;
  const created = await createProduct(context.db, {
    cooperativeId: cooperative.id,
    memberId: member.memberId,
    slug,
    draft: {
      content: {
        categoryId: form.categoryId,
        nameId: form.nameId,
        nameEn: form.nameEn,
        descriptionId: form.descriptionId,
        descriptionEn: form.descriptionEn,
        weightGrams: form.weightGrams,
        lengthMm: form.lengthCm * 10,
        widthMm: form.widthCm * 10,
        heightMm: form.heightCm * 10,
        netQuantity: form.netQuantity,
        ingredientsId: form.ingredientsId,
        allergensId: form.allergensId,
        storageId: form.storageId,
        registrationType: form.registrationType,
        registrationNumber: form.registrationNumber,
        halalCertificateNumber: form.halalCertificateNumber,
        shelfLifeDays: form.shelfLifeDays,
        materialId: form.materialId,
        sizeText: form.sizeText,
        careId: form.careId,
        producerAddress: "",
      },
      variants: [{ sku, nameId: "", nameEn: "", price: form.price }],
      images,
    },
  });
  if (!created.ok) return data({ ok: false as const, errors: { form: "product.error.saveFailed" }, values }, { status: 409 });
  if (form.stock > 0) {
    const [variantId] = await variantIdsOf(context.db, cooperative.id, created.productId);
    if (variantId) await adjustStock(context.db, { cooperativeId: cooperative.id, variantId, delta: form.stock, reason: "received", note: "Stok awal", actorUserId: actor.userId, memberId: member.memberId });
  }
  if (formData.get("intent") === "submit") {
    await submitVersion(context.db, { cooperativeId: cooperative.id, memberId: member.memberId, versionId: created.versionId, actorUserId: actor.userId });
  }
  return redirect(`/member/products?saved=${formData.get("intent") === "submit" ? "submitted" : "draft"}`);
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("product.new.title")} · ${root.cooperative.name}`, description: t("product.new.title"), noindex: true }));

export default function NewProduct() {
  const { categories } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const values: Record<string, string | undefined> = result?.values ?? {};
  const count = Object.keys(errors).filter((key) => key !== "form").length;
  const field = (name: string, label: string, extra: Record<string, unknown> = {}) => (
    <TextField name={name} label={label} defaultValue={values[name]} error={errors[name]} {...extra} />
  );
  return (
    <div className="max-w-2xl space-y-4">
      <Link to="/member/products" className="text-sm font-semibold text-sea-700 underline">← {t("member.nav.products")}</Link>
      <h1 className="text-2xl font-bold">{t("product.new.title")}</h1>
      <p className="text-sm text-muted">{t("product.new.intro")}</p>
      {errors.form ? <Alert tone="error">{t(errors.form as "product.error.saveFailed")}</Alert> : null}
      {count > 0 ? <Alert tone="error">{t("form.fixErrorsCount", { count })}</Alert> : null}
      <Form method="post" encType="multipart/form-data" className="space-y-6" noValidate>
        <fieldset className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <legend className="px-1 font-semibold">{t("product.section.basics")}</legend>
          <SelectField name="categoryId" label={t("filter.category")} placeholder={t("product.placeholder.category")} options={categories.map((c) => ({ value: c.id, label: c.name }))} defaultValue={values.categoryId ?? ""} error={errors.categoryId} />
          {field("nameId", t("product.field.nameId"))}
          {field("nameEn", t("product.field.nameEn"))}
          <TextAreaField name="descriptionId" label={t("product.field.descriptionId")} defaultValue={values.descriptionId} error={errors.descriptionId} />
          <TextAreaField name="descriptionEn" label={t("product.field.descriptionEn")} defaultValue={values.descriptionEn} error={errors.descriptionEn} />
          <div className="grid gap-4 sm:grid-cols-2">
            {field("price", t("product.field.price"), { inputMode: "numeric" })}
            {field("stock", t("product.field.stock"), { inputMode: "numeric" })}
          </div>
        </fieldset>
        <fieldset className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <legend className="px-1 font-semibold">{t("product.section.photos")}</legend>
          <p className="text-sm text-muted">{t("product.photos.intro")}</p>
          {photoFields.map(([name, role]) => (
            <TextField key={name} name={name} type="file" accept="image/jpeg,image/png,image/webp,image/heic,image/heif" capture="environment" label={t(`imageRole.${role}`)} error={errors[name]} />
          ))}
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
          {field("materialId", t("label.material"), { hint: t("product.hint.craft") })}
          {field("sizeText", t("label.size"))}
          {field("careId", t("label.care"))}
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
        <div className="flex flex-wrap gap-3">
          <SubmitButton intent="submit">{t("product.submitForReview")}</SubmitButton>
          <SubmitButton intent="draft" tone="quiet">{t("product.saveDraft")}</SubmitButton>
        </div>
      </Form>
    </div>
  );
}
