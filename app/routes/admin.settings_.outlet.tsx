import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, SubmitButton } from "~/components/forms/field";
import { SettingsHeader } from "~/components/settings-header";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { recordAudit } from "~/modules/audit/audit.server";
import { hasStaticQris, setStaticQris } from "~/modules/outlet/settings.server";
import { requireAbility } from "~/web/guards.server";
import { checkImage, fileBytes, mediaErrors, privateImage, readMultipartForm } from "~/web/upload.server";

/** The outlet's static QRIS sticker, shown at the counter when the cooperative has no Midtrans account (decision 33). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "settings.manage");
  return data({ hasQris: await hasStaticQris(context.db, cooperative.id) }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "settings.manage");
  const answer = (status: number, message: MessageKey, field = "qris") => data({ ok: false as const, errors: { [field]: message } as Record<string, MessageKey> }, { status });
  const read = await readMultipartForm(request);
  if ("refused" in read) return answer(read.status, read.refused);
  const intent = read.formData.get("intent");
  let image: { image: Buffer; mimeType: string } | null = null;
  if (intent === "upload") {
    const bytes = await fileBytes(read.formData.get("qris"));
    if (!bytes) return answer(422, "outletSettings.error.missing");
    const checked = await checkImage(bytes);
    if (!checked.ok) return answer(mediaErrors[checked.error].status, mediaErrors[checked.error].message);
    image = await privateImage(bytes);
  } else if (intent !== "remove") {
    return answer(400, "error.badRequest.body", "form");
  }
  await context.db.transaction(async (tx) => {
    const before = await hasStaticQris(tx, cooperative.id);
    await setStaticQris(tx, cooperative.id, image, actor.userId);
    await recordAudit(tx, {
      cooperativeId: cooperative.id,
      actorUserId: actor.userId,
      action: image ? "outlet.qris_set" : "outlet.qris_removed",
      entityType: "cooperative",
      entityId: cooperative.id,
      before: { staticQris: before },
      after: { staticQris: image !== null, bytes: image?.image.length ?? 0 },
      ipAddress: context.clientIp,
    });
  });
  return data({ ok: true as const, errors: {} as Record<string, MessageKey> });
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("settings.tabs.outlet")} · ${root.cooperative.name}`, description: "", noindex: true }));

export default function OutletSettings() {
  const { hasQris } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useI18n();
  const errors = answer?.errors ?? {};
  return (
    <div className="max-w-2xl space-y-6">
      <SettingsHeader title={t("admin.nav.settings")} intro={t("outletSettings.intro")} />
      {answer?.ok ? <Alert tone="success">{t("outletSettings.saved")}</Alert> : null}
      {errors.form ? <Alert tone="error">{t(errors.form)}</Alert> : null}
      <section aria-labelledby="qris-heading" className="space-y-3 rounded-2xl bg-white p-4 ring-1 ring-sand-200">
        <h2 id="qris-heading" className="text-lg font-semibold">{t("outletSettings.qris")}</h2>
        {hasQris ? (
          <img src="/admin/outlet/qris" alt={t("outlet.qrisImage")} width={240} height={240} className="w-60 rounded-xl ring-1 ring-sand-200" />
        ) : (
          <p className="text-sm text-muted">{t("outletSettings.none")}</p>
        )}
        <Form method="post" encType="multipart/form-data" className="space-y-2">
          <label htmlFor="qris" className="block text-sm font-semibold">{t("outletSettings.upload")}</label>
          <input id="qris" name="qris" type="file" accept="image/jpeg,image/png,image/webp" className="field" aria-invalid={errors.qris ? true : undefined} aria-describedby={errors.qris ? "qris-error" : "qris-hint"} />
          <p id="qris-hint" className="text-xs text-muted">{t("outletSettings.hint")}</p>
          {errors.qris ? <p id="qris-error" className="text-sm font-medium text-clay-700">{t(errors.qris)}</p> : null}
          <SubmitButton intent="upload">{t("outletSettings.save")}</SubmitButton>
        </Form>
        {hasQris ? (
          <Form method="post" encType="multipart/form-data">
            <SubmitButton intent="remove" tone="quiet">{t("outletSettings.remove")}</SubmitButton>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
