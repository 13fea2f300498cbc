import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { Alert, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/forms/field";
import { FormToken } from "~/components/forms/form-token";
import { ResponsiveImage } from "~/components/responsive-image";
import { newFormToken } from "~/lib/form-token.server";
import type { MessageKey } from "~/lib/i18n/core";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { createCategory, listAdminCategories, reorderCategory } from "~/modules/catalog/admin/categories.server";
import { catalogAdminErrors } from "~/modules/catalog/admin/errors";
import { newCategorySchema, reorderSchema } from "~/modules/catalog/admin/forms";
import { acceptedImageTypes } from "~/modules/media/images";
import { storeImage } from "~/modules/media/store.server";
import { invalid, parseForm, refused, submitFormOnce } from "~/web/forms.server";
import { requireAbility } from "~/web/guards.server";
import { checkImage, fileBytes, mediaErrors, readMultipartForm } from "~/web/upload.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "catalog.manage");
  return { categories: await listAdminCategories(context.db, cooperative.id, resolveLocale(request)), formToken: newFormToken() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "catalog.manage");
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  const read = multipart ? await readMultipartForm(request) : { formData: await request.formData() };
  if ("refused" in read) return data({ ok: false as const, errors: { photo: read.refused }, values: {} }, { status: read.status });
  const { formData } = read;
  const act = { cooperativeId: cooperative.id, actorUserId: actor.userId, ipAddress: context.clientIp };
  const intent = formData.get("intent");
  if (intent === "reorder") {
    const form = parseForm(reorderSchema, formData);
    if (!form.ok) return form.answer;
    const result = await reorderCategory(context.db, act, form.data.categoryId, form.data.direction);
    if (!result.ok) return refused(formData, catalogAdminErrors, result.error);
    return { ok: true as const, message: "catalogAdmin.categories.reordered" as MessageKey };
  }
  if (intent === "create") {
    const form = parseForm(newCategorySchema, formData);
    if (!form.ok) return form.answer;
    const bytes = await fileBytes(formData.get("photo"));
    if (bytes) {
      const checked = await checkImage(bytes);
      if (!checked.ok) return refused(formData, mediaErrors, checked.error);
    }
    // A second post of the same form (a double tap) makes one category, not two.
    const key = { cooperativeId: cooperative.id, purpose: "category.create", userId: actor.userId };
    const sent = await submitFormOnce(context.db, key, formData, async (tx) => {
      const imageAssetId = bytes ? await storeImage(tx, context.mediaRoot, cooperative.id, bytes) : undefined;
      const result = await createCategory(tx, act, { ...form.data, ...(imageAssetId ? { imageAssetId } : {}) });
      if (!result.ok) return { refused: refused(formData, catalogAdminErrors, result.error) };
      return { done: { slug: result.slug } };
    });
    if (!sent.ok) return sent.answer;
    return { ok: true as const, message: "catalogAdmin.categories.created" as MessageKey };
  }
  return invalid(formData, { form: "error.badRequest.body" }, 400);
}

export default function CatalogCategories() {
  const { categories, formToken } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const errors: Record<string, string | undefined> = result && "errors" in result ? result.errors : {};
  const values: Record<string, string | undefined> = result && "values" in result ? result.values : {};
  const active = categories.filter((category) => !category.retired);
  const retired = categories.filter((category) => category.retired);
  const creating = values.intent === "create";
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-muted">{t("catalogAdmin.categories.intro")}</p>
      {result && "message" in result ? <Alert tone="success">{t(result.message)}</Alert> : null}
      {errors.form && !creating ? <Alert tone="error">{t(errors.form as MessageKey)}</Alert> : null}
      {active.length === 0 ? (
        <EmptyState title={t("catalogAdmin.categories.empty")} />
      ) : (
        <ol className="space-y-2">
          {active.map((category, index) => (
            <li key={category.id} className="flex items-center gap-3 rounded-2xl bg-white p-3 ring-1 ring-sand-200">
              {category.photo ? (
                <ResponsiveImage image={category.photo} alt="" sizes="4rem" className="h-16 w-16 shrink-0 rounded-xl object-cover" />
              ) : (
                <span className="flex h-16 w-16 shrink-0 items-center justify-center rounded-xl bg-sand-100 text-center text-xs text-muted">{t("catalogAdmin.categories.noPhoto")}</span>
              )}
              <div className="min-w-0 flex-1">
                <Link to={`/admin/catalog/categories/${category.id}`} className="font-semibold text-sea-800 underline-offset-2 hover:underline">
                  {category.nameId}
                </Link>
                <p className="text-sm text-muted">
                  {category.nameEn} · {t(`catalogAdmin.kind.${category.kind}`)} · {t("catalogAdmin.categories.productCount", { count: category.productCount })}
                </p>
              </div>
              <Form method="post" className="flex shrink-0 gap-1">
                <input type="hidden" name="intent" value="reorder" />
                <input type="hidden" name="categoryId" value={category.id} />
                <button type="submit" name="direction" value="up" disabled={index === 0} className="btn min-w-11 bg-white px-3 ring-1 ring-sand-300 disabled:opacity-40" aria-label={`${t("catalogAdmin.categories.up")}: ${category.nameId}`}>
                  ↑
                </button>
                <button type="submit" name="direction" value="down" disabled={index === active.length - 1} className="btn min-w-11 bg-white px-3 ring-1 ring-sand-300 disabled:opacity-40" aria-label={`${t("catalogAdmin.categories.down")}: ${category.nameId}`}>
                  ↓
                </button>
              </Form>
            </li>
          ))}
        </ol>
      )}

      <Form method="post" encType="multipart/form-data" className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200" noValidate>
        <h2 className="text-lg font-semibold">{t("catalogAdmin.categories.new")}</h2>
        <FormToken token={formToken} />
        {errors.form && creating ? <Alert tone="error">{t(errors.form as MessageKey)}</Alert> : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="nameId" label={t("catalogAdmin.field.nameId")} required defaultValue={creating ? values.nameId : ""} error={creating ? errors.nameId : undefined} />
          <TextField name="nameEn" label={t("catalogAdmin.field.nameEn")} required defaultValue={creating ? values.nameEn : ""} error={creating ? errors.nameEn : undefined} />
        </div>
        <SelectField
          name="kind"
          label={t("catalogAdmin.field.kind")}
          hint={t("catalogAdmin.field.kindHint")}
          options={[
            { value: "food", label: t("catalogAdmin.kind.food") },
            { value: "craft", label: t("catalogAdmin.kind.craft") },
          ]}
          defaultValue={creating ? values.kind : "food"}
          error={creating ? errors.kind : undefined}
        />
        <TextAreaField name="descriptionId" label={t("catalogAdmin.field.descriptionId")} rows={2} defaultValue={creating ? values.descriptionId : ""} error={creating ? errors.descriptionId : undefined} />
        <TextAreaField name="descriptionEn" label={t("catalogAdmin.field.descriptionEn")} rows={2} defaultValue={creating ? values.descriptionEn : ""} error={creating ? errors.descriptionEn : undefined} />
        <TextField name="photo" type="file" accept={acceptedImageTypes} label={t("catalogAdmin.field.photo")} hint={t("catalogAdmin.field.photoHint")} error={errors.photo} />
        <SubmitButton intent="create">{t("catalogAdmin.categories.create")}</SubmitButton>
      </Form>

      {retired.length > 0 ? (
        <section aria-labelledby="retired-heading" className="space-y-2">
          <h2 id="retired-heading" className="text-lg font-semibold">{t("catalogAdmin.categories.retiredHeading")}</h2>
          <ul className="space-y-2">
            {retired.map((category) => (
              <li key={category.id} className="rounded-2xl bg-sand-100 p-3">
                <Link to={`/admin/catalog/categories/${category.id}`} className="font-semibold underline-offset-2 hover:underline">
                  {category.nameId}
                </Link>
                {category.movedTo ? <p className="text-sm text-muted">{t("catalogAdmin.categories.movedTo", { name: category.movedTo })}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
