import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ProductEditorForm } from "~/components/product-editor";
import { formValues } from "~/lib/forms.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { createListing } from "~/flows/create-listing.server";
import { categoryChoices, defaultProducerAddress, uniqueProductSlug } from "~/modules/catalog/listings/member-products.server";
import { draftContent, newlyStored, newProductVariants, readProductForm, savedParam, storePhotos } from "~/modules/catalog/listings/product-form.server";
import { requireMemberUser } from "~/web/guards.server";
import { slugify } from "~/lib/slug";
import { readMultipartForm } from "~/web/upload.server";
import { discardImages } from "~/modules/media/store.server";
import { claimSubmission, FORM_TOKEN_FIELD, formContent, newFormToken } from "~/lib/form-token.server";
import { unclaimed } from "~/web/forms.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative, member } = await requireMemberUser(request, context);
  const [categories, producerAddress] = await Promise.all([
    categoryChoices(context.db, cooperative.id, resolveLocale(request)),
    defaultProducerAddress(context.db, cooperative.id, member.memberId),
  ]);
  return { categories, producerAddress, formToken: newFormToken() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, member, actor } = await requireMemberUser(request, context);
  const read = await readMultipartForm(request);
  if ("refused" in read) return data({ ok: false as const, errors: { form: read.refused }, values: {} }, { status: read.status });
  const { formData } = read;
  // A second post of this form (a double tap, a resend) gets the first one's answer: one product, not two.
  const once = await claimSubmission<{ location: string }>(
    context.db,
    { cooperativeId: cooperative.id, purpose: "product.create", userId: actor.userId },
    formData.get(FORM_TOKEN_FIELD),
    { content: formContent(formData) },
  );
  if (once.state === "repeat") return redirect(once.result.location);
  if (once.state !== "first") return unclaimed(formData, once.state);
  let stored: string[] = [];
  try {
    const checked = await readProductForm(formData, await categoryChoices(context.db, cooperative.id, resolveLocale(request)));
    if (!checked.ok) {
      await once.abandon();
      return data({ ok: false as const, errors: checked.errors, values: checked.values }, { status: 422 });
    }
    const { form } = checked;
    const images = await storePhotos(context.db, context.mediaRoot, cooperative.id, checked.photos);
    stored = newlyStored(images);
    const slug = await uniqueProductSlug(context.db, cooperative.id, slugify(form.nameId));
    const created = await context.db.transaction(async (tx) => {
      const result = await createListing(tx, {
        cooperativeId: cooperative.id,
        memberId: member.memberId,
        actorUserId: actor.userId,
        slug,
        draft: {
          content: draftContent(form),
          variants: newProductVariants(slug, checked.variants),
          images,
        },
        initialStock: checked.variants.map((row) => row.stock),
        submit: formData.get("intent") === "submit",
      });
      if (result.ok) await once.finish({ location: `/member/products?saved=${savedParam[result.state]}` }, tx);
      return result;
    });
    if (!created.ok) {
      await discardImages(context.db, context.mediaRoot, cooperative.id, stored);
      await once.abandon();
      return data({ ok: false as const, errors: { form: "product.error.saveFailed" }, values: formValues(formData) }, { status: 409 });
    }
    return redirect(`/member/products?saved=${savedParam[created.state]}`);
  } catch (error) {
    await discardImages(context.db, context.mediaRoot, cooperative.id, stored);
    await once.abandon();
    throw error;
  }
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("product.new.title")} · ${root.cooperative.name}`, description: t("product.new.title"), noindex: true }));

export default function NewProduct() {
  const { categories, producerAddress, formToken } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const values: Record<string, string | undefined> = result?.values ?? { producerAddress };
  return (
    <div className="max-w-2xl space-y-4">
      <Link to="/member/products" className="text-sm font-semibold text-sea-700 underline">← {t("member.nav.products")}</Link>
      <h1 className="text-2xl font-bold">{t("product.new.title")}</h1>
      <p className="text-sm text-muted">{t("product.new.intro")}</p>
      <ProductEditorForm categories={categories} values={values} errors={errors} withStock formToken={formToken} />
    </div>
  );
}
