import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, SubmitButton, TextAreaField, TextField } from "~/components/forms/field";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { shopPageKinds, shopPagePaths, type ShopPageKind } from "~/modules/tenancy/shop-pages";
import { getShopPagesForEdit, saveShopPage, shopPageSchema } from "~/modules/tenancy/shop-pages.server";
import { parseForm } from "~/web/forms.server";
import { requireAbility } from "~/web/guards.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "catalog.manage");
  return { pages: await getShopPagesForEdit(context.db, cooperative.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "catalog.manage");
  const sent = await request.formData();
  // Each page's fields carry its kind in their names (one id each on the page); read them under the schema's names.
  const kind = String(sent.get("kind") ?? "");
  const formData = new FormData();
  formData.set("kind", kind);
  for (const name of ["bodyId", "bodyEn", "mapUrl"]) {
    const value = sent.get(`${kind}-${name}`);
    if (typeof value === "string") formData.set(name, value);
  }
  const form = parseForm(shopPageSchema, formData);
  if (!form.ok) return form.answer;
  const { changed } = await saveShopPage(context.db, { cooperativeId: cooperative.id, actorUserId: actor.userId, ipAddress: context.clientIp }, form.data);
  return { ok: true as const, kind: form.data.kind, changed };
}

const titles: Record<ShopPageKind, MessageKey> = {
  about: "catalogAdmin.pages.about",
  returns: "catalogAdmin.pages.returns",
  pickup: "catalogAdmin.pages.pickup",
};

export default function CatalogPages() {
  const { pages } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const errors: Record<string, string | undefined> = result && "errors" in result ? result.errors : {};
  const values: Record<string, string | undefined> = result && "values" in result ? result.values : {};
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-muted">{t("catalogAdmin.pages.intro")}</p>
      {shopPageKinds.map((kind) => {
        const failed = values.kind === kind;
        const saved = result && "kind" in result && result.kind === kind;
        const page = pages[kind];
        const value = (name: "bodyId" | "bodyEn" | "mapUrl") => (failed ? (values[name] ?? "") : page[name]);
        const error = (name: string) => (failed ? errors[name] : undefined);
        return (
          <Form key={kind} method="post" className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200" noValidate aria-labelledby={`${kind}-heading`}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id={`${kind}-heading`} className="text-lg font-semibold">{t(titles[kind])}</h2>
              <Link to={shopPagePaths[kind]} className="text-sm font-semibold text-sea-700 underline">{t("catalogAdmin.pages.view")}</Link>
            </div>
            {saved ? <Alert tone="success">{t(result.changed ? "catalogAdmin.pages.saved" : "catalogAdmin.pages.unchanged")}</Alert> : null}
            {!page.bodyId && !page.bodyEn ? <p className="text-sm text-muted">{t("catalogAdmin.pages.default")}</p> : null}
            <input type="hidden" name="kind" value={kind} />
            <TextAreaField name={`${kind}-bodyId`} label={t("catalogAdmin.pages.bodyId")} rows={6} defaultValue={value("bodyId")} error={error("bodyId")} />
            <TextAreaField name={`${kind}-bodyEn`} label={t("catalogAdmin.pages.bodyEn")} rows={6} defaultValue={value("bodyEn")} error={error("bodyEn")} />
            {kind === "pickup" ? (
              <TextField name={`${kind}-mapUrl`} type="url" inputMode="url" label={t("catalogAdmin.pages.mapUrl")} hint={t("catalogAdmin.pages.mapUrlHint")} defaultValue={value("mapUrl")} error={error("mapUrl")} />
            ) : null}
            <SubmitButton>{t("catalogAdmin.pages.save")}</SubmitButton>
          </Form>
        );
      })}
    </div>
  );
}
