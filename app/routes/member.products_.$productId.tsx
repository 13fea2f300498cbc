import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert } from "~/components/forms/field";
import { CuratorNotes } from "~/components/curator-notes";
import { ProductEditorForm } from "~/components/product-editor";
import { formValues } from "~/lib/forms.server";
import { notFound } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { saveEdit } from "~/modules/catalog/listings/listings.server";
import { categoryChoices, editableVersion } from "~/modules/catalog/listings/member-products.server";
import { draftContent, editedVariants, newlyStored, readProductForm, savedParam, storePhotos } from "~/modules/catalog/listings/product-form.server";
import { requireMemberUser } from "~/web/guards.server";
import { uuidPattern } from "~/lib/ids";
import { readMultipartForm } from "~/web/upload.server";
import { discardImages } from "~/modules/media/store.server";

async function load(request: Request, context: LoaderFunctionArgs["context"], productId: string | undefined) {
  const signedIn = await requireMemberUser(request, context);
  if (!productId || !uuidPattern.test(productId)) throw notFound();
  const editable = await editableVersion(context.db, signedIn.cooperative.id, signedIn.member.memberId, productId);
  if (!editable) throw notFound();
  return { ...signedIn, productId, editable };
}

/** The version's fields as the form shows them (sizes in cm). */
function formValuesOf(version: Record<string, unknown>, variants: { variantId: string; nameId: string; nameEn: string; price: number }[]): Record<string, string> {
  const text = (key: string) => (version[key] === null || version[key] === undefined ? "" : String(version[key]));
  const cm = (key: string) => String(Math.round(Number(version[key]) / 10));
  return {
    categoryId: text("category_id"),
    nameId: text("name_id"),
    nameEn: text("name_en"),
    descriptionId: text("description_id"),
    descriptionEn: text("description_en"),
    price: String(variants[0]?.price ?? ""),
    ...Object.fromEntries(
      variants.flatMap((variant, index) => [
        [`variantId_${index}`, variant.variantId],
        [`variantName_${index}`, variant.nameId],
        [`variantNameEn_${index}`, variant.nameEn],
        ...(index > 0 ? [[`variantPrice_${index}`, String(variant.price)]] : []),
      ]),
    ),
    weightGrams: text("weight_grams"),
    lengthCm: cm("length_mm"),
    widthCm: cm("width_mm"),
    heightCm: cm("height_mm"),
    netQuantity: text("net_quantity"),
    ingredientsId: text("ingredients_id"),
    allergensId: text("allergens_id"),
    storageId: text("storage_id"),
    registrationType: text("registration_type"),
    registrationNumber: text("registration_number"),
    halalCertificateNumber: text("halal_certificate_number"),
    shelfLifeDays: text("shelf_life_days"),
    materialId: text("material_id"),
    sizeText: text("size_text"),
    careId: text("care_id"),
    producerAddress: text("producer_address"),
    ingredientsEn: text("ingredients_en"),
    allergensEn: text("allergens_en"),
    storageEn: text("storage_en"),
    materialEn: text("material_en"),
    careEn: text("care_en"),
  };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { cooperative, editable } = await load(request, context, params.productId);
  return {
    categories: await categoryChoices(context.db, cooperative.id, resolveLocale(request)),
    state: editable.version.state,
    values: formValuesOf(editable.version, editable.variants),
    photos: editable.images,
    review: editable.review,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { cooperative, member, actor, productId, editable } = await load(request, context, params.productId);
  if (editable.version.state === "in_review") return data({ ok: false as const, errors: { form: "product.edit.inReview" }, values: {} }, { status: 409 });
  const read = await readMultipartForm(request);
  if ("refused" in read) return data({ ok: false as const, errors: { form: read.refused }, values: {} }, { status: read.status });
  const categories = await categoryChoices(context.db, cooperative.id, resolveLocale(request));
  const checked = await readProductForm(read.formData, categories, editable.images);
  if (!checked.ok) return data({ ok: false as const, errors: checked.errors, values: checked.values }, { status: 422 });
  const images = await storePhotos(context.db, context.mediaRoot, cooperative.id, checked.photos);
  // Photos stored for this post go again when the save is refused or fails.
  const stored = newlyStored(images, editable.images);
  const saved = await saveEdit(context.db, {
    cooperativeId: cooperative.id,
    memberId: member.memberId,
    productId,
    actorUserId: actor.userId,
    draft: { content: draftContent(checked.form), variants: editedVariants(editable.variants, checked.variants), images },
    submit: read.formData.get("intent") === "submit",
  }).catch(async (error: unknown) => {
    await discardImages(context.db, context.mediaRoot, cooperative.id, stored);
    throw error;
  });
  if (!saved.ok) await discardImages(context.db, context.mediaRoot, cooperative.id, stored);
  if (!saved.ok) return data({ ok: false as const, errors: { form: "product.error.saveFailed" }, values: formValues(read.formData) }, { status: 409 });
  return redirect(`/member/products?saved=${savedParam[saved.state]}`);
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ data, root, t }) => ({ title: `${t("product.edit.title")}: ${data.values.nameId} · ${root.cooperative.name}`, description: t("product.edit.title"), noindex: true }));

export default function EditProduct() {
  const { categories, state, values, photos, review } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const shown: Record<string, string | undefined> = { ...values, ...(result?.values ?? {}) };
  return (
    <div className="max-w-2xl space-y-4">
      <Link to="/member/products" className="text-sm font-semibold text-sea-700 underline">← {t("member.nav.products")}</Link>
      <h1 className="text-2xl font-bold">{t("product.edit.title")}</h1>
      <p className="text-sm text-muted">{t("product.edit.intro")}</p>
      {review ? (
        <section aria-labelledby="curator-heading" className="rounded-2xl bg-clay-500/10 p-4 ring-1 ring-clay-500/30">
          <h2 id="curator-heading" className="font-semibold text-clay-700">{t("product.edit.curatorSays")}</h2>
          <CuratorNotes notes={review.notes} comment={review.comment} className="mt-2 text-sm" />
        </section>
      ) : null}
      {state === "in_review" ? <Alert tone="info">{t("product.edit.inReview")}</Alert> : null}
      {state === "in_review" ? null : <ProductEditorForm categories={categories} values={shown} errors={errors} withStock={false} savedPhotos={photos} />}
    </div>
  );
}
