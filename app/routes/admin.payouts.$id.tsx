import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, SubmitButton, TextField } from "~/components/forms/field";
import { approvePayoutRun, cancelPayoutRun, decidePayout, markRunPaid } from "~/flows/run-payout.server";
import { now } from "~/lib/clock.server";
import { formatDateTime } from "~/lib/dates";
import { notFound } from "~/lib/http.server";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { uuidPattern } from "~/lib/ids";
import { maskAccountNumber } from "~/lib/indonesia/banks";
import { payoutProviderName } from "~/lib/indonesia/payout-accounts";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import { formatRupiah } from "~/lib/money";
import { pageMeta } from "~/lib/route-meta";
import { can, type Ability } from "~/modules/identity/access";
import { bankFileFormats } from "~/modules/payouts/bank-files.server";
import { payoutErrors, type PayoutError } from "~/modules/payouts/rules";
import { getRun } from "~/modules/payouts/runs.server";
import { refused } from "~/web/forms.server";
import { requireAbility, type SignedIn } from "~/web/guards.server";

function runId(id: string | undefined): string {
  if (!id || !uuidPattern.test(id)) throw notFound();
  return id;
}

/** One run: its payouts with masked accounts, totals, the businesses skipped and why, and what may be done next. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "payouts.approve");
  const found = await getRun(context.db, cooperative.id, runId(params.id));
  if (!found) throw notFound();
  const { run } = found;
  const lines = found.payouts.map((payout) => ({
    id: payout.id,
    businessName: payout.businessName,
    memberNumber: payout.memberNumber,
    amount: payout.amount,
    kind: payout.kind,
    provider: payoutProviderName(payout.providerCode),
    account: maskAccountNumber(payout.accountNumber),
    holderName: payout.holderName,
    reference: payout.reference,
    status: payout.status,
    failureReason: payout.failureReason,
  }));
  const sum = (status?: string) => lines.filter((line) => !status || line.status === status).reduce((total, line) => total + line.amount, 0);
  return {
    run: { id: run.id, number: run.number, status: run.status, createdAt: run.createdAt, approvedAt: run.approvedAt, asOf: run.asOf, minimum: run.minimum, holdDays: run.holdDays, fourEyes: run.fourEyes, skipped: run.skipped },
    mine: run.createdBy === actor.userId,
    lines,
    totals: { all: sum(), paid: sum("paid"), failed: sum("failed"), pending: sum("pending"), bank: lines.filter((line) => line.kind === "bank").length, ewallet: lines.filter((line) => line.kind === "ewallet").length },
    mayRun: can(actor, "payouts.run"),
    zone: timeZoneOfProvince(cooperative.province),
    formats: bankFileFormats,
    done: new URL(request.url).searchParams.get("done"),
  };
}

type Intent = "approve" | "cancel" | "paid" | "failed" | "all-paid";
const abilityFor: Record<Intent, Ability> = { approve: "payouts.approve", cancel: "payouts.run", paid: "payouts.run", failed: "payouts.run", "all-paid": "payouts.run" };

async function act(intent: Intent, signedIn: SignedIn, id: string, formData: FormData, context: ActionFunctionArgs["context"]) {
  const who = { cooperativeId: signedIn.cooperative.id, actorUserId: signedIn.actor.userId, ipAddress: context.clientIp };
  const shop = { name: signedIn.cooperative.name, origin: signedIn.cooperative.origin };
  const payoutId = String(formData.get("payoutId") ?? "");
  switch (intent) {
    case "approve":
      return approvePayoutRun(context.db, { ...who, runId: id, now: now() });
    case "cancel":
      return cancelPayoutRun(context.db, { ...who, runId: id });
    case "all-paid":
      return markRunPaid(context.db, { ...who, shop, runId: id });
    case "paid":
    case "failed":
      if (!uuidPattern.test(payoutId)) return { ok: false as const, error: "not_found" as const };
      return decidePayout(context.db, { ...who, shop, runId: id, payoutId, outcome: intent, reason: String(formData.get("reason") ?? "") });
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = runId(params.id);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "") as Intent;
  if (!(intent in abilityFor)) throw notFound();
  const signedIn = await requireAbility(request, context, abilityFor[intent]);
  const result = await act(intent, signedIn, id, formData, context);
  if (!result.ok) return refused(formData, payoutErrors, result.error as PayoutError);
  return redirect(`/admin/payouts/${id}?done=${intent}`);
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t, data }) => ({ title: `${t("payouts.run.name", { number: data.run.number })} · ${root.cooperative.name}`, description: t("payouts.intro"), noindex: true }));

export default function PayoutRunPage() {
  const { run, mine, lines, totals, mayRun, zone, formats, done } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const errors: Record<string, string | undefined> = result && "errors" in result ? (result.errors as Record<string, string | undefined>) : {};
  const values: Record<string, string | undefined> = result && "values" in result ? result.values : {};
  const decidable = run.status === "exported" || run.status === "finished";
  return (
    <div className="max-w-4xl space-y-6">
      <p>
        <Link to="/admin/payouts" className="text-sm text-sea-800 underline">← {t("payouts.title")}</Link>
      </p>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("payouts.run.name", { number: run.number })}</h1>
        <p className="text-muted" data-testid="run-status">{t(`payouts.status.${run.status}`)}</p>
        <p className="text-sm text-muted">
          {t("payouts.run.made", { date: formatDateTime(locale, run.createdAt, zone), minimum: formatRupiah(run.minimum), days: run.holdDays })}
        </p>
      </header>
      {done && !result ? <Alert tone="success">{t(`payouts.done.${done}` as MessageKey)}</Alert> : null}
      {errors.form ? <Alert tone="error">{t(errors.form as MessageKey)}</Alert> : null}

      <section aria-labelledby="totals-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="totals-heading" className="text-lg font-semibold">{t("payouts.totals")}</h2>
        <dl className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-4">
          <div><dt className="text-sm text-muted">{t("payouts.totals.all")}</dt><dd className="font-bold" data-testid="run-total">{formatRupiah(totals.all)}</dd></div>
          <div><dt className="text-sm text-muted">{t("payouts.totals.paid")}</dt><dd className="font-bold">{formatRupiah(totals.paid)}</dd></div>
          <div><dt className="text-sm text-muted">{t("payouts.totals.pending")}</dt><dd className="font-bold">{formatRupiah(totals.pending)}</dd></div>
          <div><dt className="text-sm text-muted">{t("payouts.totals.failed")}</dt><dd className="font-bold">{formatRupiah(totals.failed)}</dd></div>
        </dl>
      </section>

      {run.status === "draft" ? (
        <section aria-labelledby="approve-heading" className="space-y-3 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <h2 id="approve-heading" className="text-lg font-semibold">{t("payouts.approve.title")}</h2>
          <p className="text-sm text-muted">{run.fourEyes ? t("payouts.approve.fourEyes") : t("payouts.approve.single")}</p>
          <div className="flex flex-wrap gap-3">
            {!(mine && run.fourEyes) ? (
              <Form method="post">
                <SubmitButton intent="approve">{t("payouts.approve")}</SubmitButton>
              </Form>
            ) : (
              <p className="text-sm font-medium">{t("payouts.approve.notYou")}</p>
            )}
            {mayRun ? (
              <Form method="post">
                <SubmitButton intent="cancel" tone="quiet">{t("payouts.cancel")}</SubmitButton>
              </Form>
            ) : null}
          </div>
        </section>
      ) : null}

      {mayRun && ["approved", "exported", "finished"].includes(run.status) ? (
        <section aria-labelledby="export-heading" className="space-y-3 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <h2 id="export-heading" className="text-lg font-semibold">{t("payouts.export.title")}</h2>
          <p className="text-sm text-muted">{t("payouts.export.intro")}</p>
          <div className="flex flex-wrap gap-3">
            {formats.map((format) =>
              format === "ewallet" && totals.ewallet === 0 ? null : format !== "ewallet" && totals.bank === 0 ? null : (
                <form key={format} method="post" action={`/admin/payouts/${run.id}/export`}>
                  <input type="hidden" name="format" value={format} />
                  <button type="submit" className="btn bg-white text-ink ring-1 ring-sand-300 hover:bg-sand-100">
                    {t(`payouts.export.${format}`)}
                  </button>
                </form>
              ),
            )}
          </div>
          {run.status === "approved" ? <p className="text-sm text-muted">{t("payouts.export.then")}</p> : null}
          {run.status === "exported" && totals.pending > 0 ? (
            <Form method="post">
              <SubmitButton intent="all-paid">{t("payouts.allPaid")}</SubmitButton>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="lines-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="lines-heading" className="text-lg font-semibold">{t("payouts.lines", { count: lines.length })}</h2>
        <ul className="mt-2 divide-y divide-sand-200">
          {lines.map((line) => {
            const mineFailed = values.payoutId === line.id;
            return (
              <li key={line.id} className="space-y-2 py-3" data-testid="payout-line">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <span>
                    <span className="block font-medium">{line.businessName} ({line.memberNumber})</span>
                    <span className="block text-sm text-muted">
                      {line.kind === "ewallet" ? t("payouts.kind.ewallet") : t("payouts.kind.bank")}: {line.provider} {line.account} · {line.holderName}
                    </span>
                    <span className="block text-xs text-muted">{t("payouts.reference")}: {line.reference}</span>
                  </span>
                  <span className="text-right">
                    <span className="block font-semibold">{formatRupiah(line.amount)}</span>
                    <span className="block text-sm" data-testid="payout-status">{t(`payouts.payout.${line.status}`)}</span>
                  </span>
                </div>
                {line.failureReason ? <p className="text-sm text-clay-700">{t("payouts.failedBecause", { reason: line.failureReason })}</p> : null}
                {mayRun && decidable && line.status !== "failed" ? (
                  <div className="flex flex-wrap items-end gap-3">
                    {line.status === "pending" ? (
                      <Form method="post">
                        <input type="hidden" name="payoutId" value={line.id} />
                        <SubmitButton intent="paid" tone="quiet">
                          {t("payouts.markPaid")} <span className="sr-only">{line.businessName}</span>
                        </SubmitButton>
                      </Form>
                    ) : null}
                    <Form method="post" noValidate className="flex flex-wrap items-end gap-2">
                      <input type="hidden" name="payoutId" value={line.id} />
                      <TextField
                        name="reason"
                        label={t("payouts.failReason", { name: line.businessName })}
                        maxLength={200}
                        defaultValue={mineFailed ? values.reason : ""}
                        error={mineFailed && errors.reason ? t(errors.reason as MessageKey) : undefined}
                      />
                      <SubmitButton intent="failed" tone="danger">
                        {t("payouts.markFailed")} <span className="sr-only">{line.businessName}</span>
                      </SubmitButton>
                    </Form>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="skipped-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="skipped-heading" className="text-lg font-semibold">{t("payouts.skipped")}</h2>
        {run.skipped.length === 0 ? (
          <p className="mt-2 text-muted">{t("payouts.skipped.none")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-sand-200">
            {run.skipped.map((business) => (
              <li key={business.memberId} className="flex flex-wrap justify-between gap-2 py-2 text-sm">
                <span>
                  <span className="block font-medium">{business.businessName} ({business.memberNumber})</span>
                  <span className="text-muted">{t(`payouts.skip.${business.reason}`)}</span>
                </span>
                <span>{formatRupiah(business.available)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
