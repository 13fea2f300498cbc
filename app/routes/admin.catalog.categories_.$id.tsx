import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/forms/field";
import { ResponsiveImage } from "~/components/responsive-image";
import { notFound } from "~/lib/http.server";
import type { MessageKey } from "~/lib/i18n/core";
import { uuidPattern } from "~/lib/ids";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { deleteCategory, listAdminCategories, reinstateCategory, renameCategory, retireCategory, setCategoryPhoto } from "~/modules/catalog/admin/categories.server";
import { catalogAdminErrors } from "~/modules/catalog/admin/errors";
import { categoryTextSchema, retireSchema } from "~/modules/catalog/admin/forms";
import { acceptedImageTypes } from "~/modules/media/images";
import { discardImages, storeImage } from "~/modules/media/store.server";
import { invalid, parseForm, refused } from "~/web/forms.server";
import { requireAbility } from "~/web/guards.server";
import { checkImage, fileBytes, mediaErrors, readMultipartForm } from "~/web/upload.server";

function categoryIdOf(params: { id?: string }): string {
  if (!params.id || !uuidPattern.test(params.id)) throw notFound();
  return params.id;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "catalog.manage");
  const id = categoryIdOf(params);
  const categories = await listAdminCategories(context.db, cooperative.id, resolveLocale(request));
  const category = categories.find((c) => c.id === id);
  if (!category) throw notFound();
  // Where its products can go: another active category of the same kind.
  const targets = categories.filter((c) => !c.retired && c.id !== id && c.kind === category.kind).map((c) => ({ value: c.id, label: c.name }));
  return { category, targets };
}

type Intent = "rename" | "photo" | "retire" | "reinstate" | "delete";

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "catalog.manage");
  const categoryId = categoryIdOf(params);
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  const read = multipart ? await readMultipartForm(request) : { formData: await request.formData() };
  if ("refused" in read) return data({ ok: false as const, errors: { photo: read.refused }, values: {} }, { status: read.status });
  const { formData } = read;
  const act = { cooperativeId: cooperative.id, actorUserId: actor.userId, ipAddress: context.clientIp };
  const done = (message: MessageKey, params: Record<string, number> = {}) => ({ ok: true as const, message, params });
  switch (formData.get("intent") as Intent | null) {
    case "rename": {
      const form = parseForm(categoryTextSchema, formData);
      if (!form.ok) return form.answer;
      const result = await renameCategory(context.db, act, categoryId, form.data);
      if (!result.ok) return refused(formData, catalogAdminErrors, result.error);
      return done(result.changed ? "catalogAdmin.categories.saved" : "catalogAdmin.categories.unchanged");
    }
    case "photo": {
      const bytes = await fileBytes(formData.get("photo"));
      if (!bytes) return invalid(formData, { photo: "upload.error.missing" });
      const checked = await checkImage(bytes);
      if (!checked.ok) return refused(formData, mediaErrors, checked.error);
      const assetId = await storeImage(context.db, context.mediaRoot, cooperative.id, bytes);
      const result = await setCategoryPhoto(context.db, act, categoryId, assetId);
      if (!result.ok) {
        await discardImages(context.db, context.mediaRoot, cooperative.id, [assetId]);
        return refused(formData, catalogAdminErrors, result.error);
      }
      if (result.replaced) await discardImages(context.db, context.mediaRoot, cooperative.id, [result.replaced]);
      return done("catalogAdmin.categories.photoSaved");
    }
    case "retire": {
      const form = parseForm(retireSchema, formData);
      if (!form.ok) return form.answer;
      const result = await retireCategory(context.db, act, categoryId, form.data.moveToId || null);
      if (!result.ok) return refused(formData, catalogAdminErrors, result.error);
      return done("catalogAdmin.categories.retired", { count: result.movedProducts });
    }
    case "reinstate": {
      const result = await reinstateCategory(context.db, act, categoryId);
      if (!result.ok) return refused(formData, catalogAdminErrors, result.error);
      return done("catalogAdmin.categories.reinstated");
    }
    case "delete": {
      const result = await deleteCategory(context.db, act, categoryId);
      if (!result.ok) return refused(formData, catalogAdminErrors, result.error);
      if (result.imageAssetId) await discardImages(context.db, context.mediaRoot, cooperative.id, [result.imageAssetId]);
      return redirect("/admin/catalog/categories");
    }
    default:
      return invalid(formData, { form: "error.badRequest.body" }, 400);
  }
}

export default function CatalogCategory() {
  const { category, targets } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const errors: Record<string, string | undefined> = result && "errors" in result ? result.errors : {};
  const values: Record<string, string | undefined> = result && "values" in result ? result.values : {};
  const renaming = values.intent === "rename";
  const text = (name: "nameId" | "nameEn" | "descriptionId" | "descriptionEn") => (renaming ? values[name] : category[name]);
  return (
    <div className="max-w-3xl space-y-6">
      <Link to="/admin/catalog/categories" className="inline-flex min-h-11 items-center font-semibold text-sea-700 underline">
        ← {t("catalogAdmin.categories.back")}
      </Link>
      <h2 className="text-xl font-bold">
        {category.name}
        {category.retired ? <span className="ml-2 rounded-full bg-sand-200 px-2.5 py-1 align-middle text-xs font-semibold">{t("catalogAdmin.error.categoryRetired")}</span> : null}
      </h2>
      <p className="text-muted">
        {t(`catalogAdmin.kind.${category.kind}`)} · {t("catalogAdmin.categories.productCount", { count: category.productCount })}
        {category.movedTo ? ` · ${t("catalogAdmin.categories.movedTo", { name: category.movedTo })}` : ""}
      </p>
      {result && "message" in result ? <Alert tone="success">{t(result.message, result.params)}</Alert> : null}
      {errors.form ? <Alert tone="error">{t(errors.form as MessageKey)}</Alert> : null}

      <Form method="post" className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200" noValidate>
        <h3 className="font-semibold">{t("catalogAdmin.categories.edit")}</h3>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="nameId" label={t("catalogAdmin.field.nameId")} required defaultValue={text("nameId")} error={renaming ? errors.nameId : undefined} />
          <TextField name="nameEn" label={t("catalogAdmin.field.nameEn")} required defaultValue={text("nameEn")} error={renaming ? errors.nameEn : undefined} />
        </div>
        <TextAreaField name="descriptionId" label={t("catalogAdmin.field.descriptionId")} rows={2} defaultValue={text("descriptionId")} error={renaming ? errors.descriptionId : undefined} />
        <TextAreaField name="descriptionEn" label={t("catalogAdmin.field.descriptionEn")} rows={2} defaultValue={text("descriptionEn")} error={renaming ? errors.descriptionEn : undefined} />
        <SubmitButton intent="rename">{t("form.save")}</SubmitButton>
      </Form>

      <Form method="post" encType="multipart/form-data" className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200" noValidate>
        <h3 className="font-semibold">{t("catalogAdmin.field.photo")}</h3>
        {category.photo ? <ResponsiveImage image={category.photo} alt="" sizes="10rem" className="h-40 w-40 rounded-xl object-cover" /> : <p className="text-sm text-muted">{t("catalogAdmin.categories.noPhoto")}</p>}
        <TextField name="photo" type="file" accept={acceptedImageTypes} label={t("catalogAdmin.field.photo")} hint={t("catalogAdmin.field.photoHint")} error={errors.photo} />
        <SubmitButton intent="photo" tone="quiet">{t("catalogAdmin.categories.uploadPhoto")}</SubmitButton>
      </Form>

      {category.retired ? (
        <Form method="post" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <SubmitButton intent="reinstate" tone="quiet">{t("catalogAdmin.categories.reinstate")}</SubmitButton>
        </Form>
      ) : (
        <Form method="post" className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-clay-500/30" noValidate>
          <h3 className="font-semibold">{t("catalogAdmin.categories.retire")}</h3>
          <p className="text-sm text-muted">{t("catalogAdmin.categories.retireHint")}</p>
          <SelectField
            name="moveToId"
            label={t("catalogAdmin.categories.moveTo")}
            options={targets}
            placeholder={t("catalogAdmin.categories.chooseTarget")}
            defaultValue={values.moveToId ?? ""}
            error={errors.moveToId}
          />
          <SubmitButton intent="retire" tone="danger">{t("catalogAdmin.categories.retire")}</SubmitButton>
        </Form>
      )}

      {category.inUse ? null : (
        <Form method="post" className="space-y-2 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <p className="text-sm text-muted">{t("catalogAdmin.categories.deleteHint")}</p>
          <SubmitButton intent="delete" tone="danger">{t("catalogAdmin.categories.delete")}</SubmitButton>
        </Form>
      )}
    </div>
  );
}
