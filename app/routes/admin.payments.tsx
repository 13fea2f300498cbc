import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { EmptyState } from "~/components/empty-state";
import { Alert, SubmitButton } from "~/components/forms/field";
import { formatDateTime } from "~/lib/dates";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import { uuidPattern } from "~/lib/ids";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { formatRupiah } from "~/lib/money";
import { pageMeta } from "~/lib/route-meta";
import { decideTransfer, transferDecisionErrors } from "~/flows/apply-payment.server";
import { openPaymentAlerts, undecidedProofs } from "~/modules/payments/payments.server";
import { parseForm } from "~/web/forms.server";
import { requireAbility } from "~/web/guards.server";

/** Treasurers confirm manual transfers against their bank statement, and see money that needs a refund. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "payments.confirm");
  const [proofs, alerts] = await Promise.all([undecidedProofs(context.db, cooperative.id), openPaymentAlerts(context.db, cooperative.id)]);
  return data({ proofs, alerts, zone: timeZoneOfProvince(cooperative.province) }, { headers: { "Cache-Control": "private, no-store" } });
}

const decisionSchema = z.object({
  proofId: z.string().regex(uuidPattern, { error: "payments.error.gone" }),
  intent: z.enum(["confirmed", "rejected"], { error: "error.badRequest.body" }),
  note: z.string().trim().max(300, { error: "payments.error.note" }).default(""),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "payments.confirm");
  const parsed = parseForm(decisionSchema, await request.formData());
  if (!parsed.ok) return data({ ok: false as const, message: Object.values(parsed.answer.data.errors)[0] as MessageKey }, { status: 422 });
  const decided = await decideTransfer(context.db, {
    cooperativeId: cooperative.id,
    proofId: parsed.data.proofId,
    decision: parsed.data.intent,
    note: parsed.data.note,
    actorUserId: actor.userId,
    ipAddress: context.clientIp,
  });
  if (!decided.ok) {
    const refusal = transferDecisionErrors[decided.error];
    return data({ ok: false as const, message: refusal.message as MessageKey }, { status: refusal.status });
  }
  return { ok: true as const, message: (parsed.data.intent === "confirmed" ? "payments.confirmed" : "payments.rejected") as MessageKey };
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("admin.nav.payments")} · ${root.cooperative.name}`, description: t("payments.intro"), noindex: true }));

export default function PaymentsPage() {
  const { proofs, alerts, zone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("admin.nav.payments")}</h1>
        <p className="mt-1 text-sm text-muted">{t("payments.intro")}</p>
      </div>
      {result ? <Alert tone={result.ok ? "success" : "error"}>{t(result.message)}</Alert> : null}

      <section aria-labelledby="proofs-heading" className="space-y-3">
        <h2 id="proofs-heading" className="text-lg font-semibold">{t("payments.proofs")}</h2>
        {proofs.length === 0 ? (
          <EmptyState title={t("payments.proofsEmpty")} />
        ) : (
          <ul className="space-y-4">
            {proofs.map((proof) => (
              <li key={proof.id} className="grid gap-4 rounded-2xl bg-white p-4 ring-1 ring-sand-200 sm:grid-cols-[12rem_1fr]">
                <a href={`/admin/payments/proofs/${proof.id}`} target="_blank" rel="noreferrer" className="block">
                  <img src={`/admin/payments/proofs/${proof.id}`} alt={t("payments.proofOf", { number: proof.orderNumber })} width={640} height={256} className="h-64 w-full rounded-xl object-contain ring-1 ring-sand-200" loading="lazy" />
                </a>
                <div className="space-y-2">
                  <p className="font-semibold">
                    <Link to={`/admin/orders/${proof.orderId}`} className="underline">
                      {proof.orderNumber}
                    </Link>{" "}
                    · {formatRupiah(proof.amount)}
                  </p>
                  <p className="text-sm text-muted">
                    {t("payments.sender", { name: proof.senderName, bank: proof.senderBank || "–" })} · {formatDateTime(locale, proof.uploadedAt, zone)}
                  </p>
                  <p className="text-sm">{t("payments.checkStatement", { amount: formatRupiah(proof.amount), number: proof.orderNumber })}</p>
                  <Form method="post" className="space-y-2">
                    <input type="hidden" name="proofId" value={proof.id} />
                    <label className="block text-sm font-semibold" htmlFor={`note-${proof.id}`}>{t("payments.note")}</label>
                    <input id={`note-${proof.id}`} name="note" maxLength={300} className="field" />
                    <div className="flex flex-wrap gap-2">
                      <SubmitButton intent="confirmed">{t("payments.confirm")}</SubmitButton>
                      <SubmitButton intent="rejected" tone="danger">{t("payments.reject")}</SubmitButton>
                    </div>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="alerts-heading" className="space-y-3">
        <h2 id="alerts-heading" className="text-lg font-semibold">{t("payments.alerts")}</h2>
        {alerts.length === 0 ? (
          <p className="text-sm text-muted">{t("payments.alertsEmpty")}</p>
        ) : (
          <ul className="divide-y divide-sand-200 rounded-2xl bg-white ring-1 ring-sand-200">
            {alerts.map((alert) => (
              <li key={alert.id} className="p-4 text-sm">
                <Link to={`/admin/orders/${alert.orderId}`} className="font-semibold underline">
                  {alert.orderNumber}
                </Link>{" "}
                · {alert.reference} · {formatRupiah(alert.amount)}
                <p className="text-clay-700">{t(`payments.alert.${alert.alert}` as MessageKey)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
