import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, SelectField, SubmitButton, TextField } from "~/components/forms/field";
import { FormToken } from "~/components/forms/form-token";
import { Pager, ReportSection, ReportTable } from "~/components/report-pieces";
import { flaggedPaymentErrors, resolveFlaggedPayment } from "~/flows/resolve-flagged-payment.server";
import { formatDateTime } from "~/lib/dates";
import { newFormToken } from "~/lib/form-token.server";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { formatRupiah } from "~/lib/money";
import { pageMeta } from "~/lib/route-meta";
import { can } from "~/modules/identity/access";
import { flaggedResolutionSchema } from "~/modules/reports/flagged-form";
import { periodSearch } from "~/modules/reports/periods";
import { reconcile } from "~/modules/reports/reconciliation.server";
import { parseForm, refused, submitFormOnce } from "~/web/forms.server";
import { requireAbility } from "~/web/guards.server";
import { pageParam, reportRequest } from "~/web/reports.server";

const PAGE_SIZE = 25;

/** Each way of paying against the ledger for a period, the differences, and (for treasurers) flagged payments to settle. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative, actor, zone, period, error } = await reportRequest(request, context);
  const reconciliation = await reconcile(context.db, cooperative.id, period, zone);
  const url = new URL(request.url);
  const pages = Math.max(1, Math.ceil(reconciliation.differences.length / PAGE_SIZE));
  const page = Math.min(pageParam(request), pages);
  const mayResolve = can(actor, "payments.confirm");
  const resolveId = url.searchParams.get("resolve");
  const resolving = mayResolve ? (reconciliation.differences.find((row) => row.paymentId === resolveId && row.kind.startsWith("flagged_")) ?? null) : null;
  return data(
    {
      period,
      zone,
      error,
      sources: reconciliation.sources,
      differences: reconciliation.differences.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
      total: reconciliation.differences.length,
      page,
      pages,
      mayResolve,
      resolving,
      resolved: url.searchParams.get("resolved") === "1",
      formToken: newFormToken(),
    },
    { status: error ? 400 : 200, headers: { "Cache-Control": "private, no-store" } },
  );
}

/** A treasurer settles a flagged payment: sent once, audited, posted to the ledger (flow `resolveFlaggedPayment`). */
export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "payments.confirm");
  const formData = await request.formData();
  const key = { cooperativeId: cooperative.id, purpose: "reports.flagged", userId: actor.userId };
  const sent = await submitFormOnce(context.db, key, formData, async (tx) => {
    const form = parseForm(flaggedResolutionSchema, formData);
    if (!form.ok) return { refused: form.answer };
    const resolved = await resolveFlaggedPayment(tx, { ...form.data, cooperativeId: cooperative.id, actorUserId: actor.userId, ipAddress: context.clientIp });
    return resolved.ok ? { done: resolved.entryId } : { refused: refused(formData, flaggedPaymentErrors, resolved.error) };
  });
  if (!sent.ok) return sent.answer;
  const url = new URL(request.url);
  url.searchParams.delete("resolve");
  url.searchParams.set("resolved", "1");
  return redirect(`/admin/reports/reconciliation?${url.searchParams.toString()}`);
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("reports.recon.title")} · ${root.cooperative.name}`, description: t("reports.recon.intro"), noindex: true }));

export default function ReconciliationPage() {
  const { period, zone, error, sources, differences, total, page, pages, mayResolve, resolving, resolved, formToken } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const errors: Record<string, string | undefined> = result && "errors" in result ? result.errors : {};
  const values: Record<string, string | undefined> = result && "values" in result ? result.values : {};
  const fieldError = (name: string) => errors[name];
  const csv = (table: string) => `/admin/reports/csv?${periodSearch(period, { table })}`;
  return (
    <div className="max-w-5xl space-y-6">
      <header className="space-y-1">
        <p>
          <Link to={`/admin/reports?${periodSearch(period)}`} className="text-sm text-sea-700 underline">
            ← {t("reports.recon.back")}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">{t("reports.recon.title")}</h1>
        <p className="text-muted">{t("reports.recon.intro")}</p>
      </header>
      {resolved && !result ? <Alert tone="success">{t("reports.flagged.done")}</Alert> : null}

      <Form method="get" className="grid grid-cols-2 gap-3 rounded-2xl bg-white p-4 ring-1 ring-sand-200 sm:grid-cols-4 sm:items-end">
        <TextField name="from" type="date" label={t("reports.from")} defaultValue={period.from} required />
        <TextField name="to" type="date" label={t("reports.to")} defaultValue={period.to} required />
        <button type="submit" className="btn col-span-2 bg-sea-700 text-white hover:bg-sea-800 sm:col-span-1">
          {t("reports.apply")}
        </button>
        <p className="col-span-2 text-sm text-muted sm:col-span-4">{t("reports.showing", { from: period.from, to: period.to, zone: zone.label })}</p>
        {error ? (
          <div className="col-span-2 sm:col-span-4">
            <Alert tone="error">{t(error)}</Alert>
          </div>
        ) : null}
      </Form>

      <ReportSection id="sources" title={t("reports.recon.source")} csv={{ href: csv("reconciliation"), label: t("reports.csv") }}>
        <ReportTable
          caption={t("reports.recon.source")}
          columns={[t("reports.recon.source"), t("reports.recon.recorded"), t("reports.recon.posted"), t("reports.recon.difference"), t("reports.recon.flagged")]}
          rows={sources.map((row) => ({
            key: row.source,
            testId: `recon-${row.source}`,
            head: t(`reports.source.${row.source}`),
            cells: [
              `${formatRupiah(row.recorded)} (${row.recordedCount})`,
              `${formatRupiah(row.posted)} (${row.postedCount})`,
              <span key="difference" className={row.recorded !== row.posted ? "font-semibold text-clay-700" : ""}>
                {formatRupiah(row.recorded - row.posted)}
              </span>,
              formatRupiah(row.flagged),
            ],
          }))}
        />
      </ReportSection>

      <ReportSection id="differences" title={`${t("reports.recon.differences")} (${total})`} csv={{ href: csv("differences"), label: t("reports.csv") }}>
        {differences.length === 0 ? (
          <p className="text-muted">{t("reports.recon.none")}</p>
        ) : (
          <ul className="divide-y divide-sand-200">
            {differences.map((row) => (
              <li key={`${row.kind}-${row.paymentId}`} className="space-y-1 py-3 text-sm" data-testid="recon-difference">
                <p className="font-semibold text-clay-700">{t(`reports.diff.${row.kind}`)}</p>
                <p>
                  <Link to={`/admin/orders/${row.orderId}`} className="font-medium underline">
                    {row.orderNumber}
                  </Link>{" "}
                  · {t(`reports.source.${row.source}`)} · {row.reference}
                </p>
                <p className="text-muted">
                  {t("reports.recon.recorded")}: {formatRupiah(row.recorded)} · {t("reports.recon.posted")}: {formatRupiah(row.posted)} · {row.paymentStatus}
                  {row.at ? ` · ${formatDateTime(locale, row.at, zone)}` : ""}
                </p>
                {mayResolve && row.kind.startsWith("flagged_") ? (
                  <Link to={`?${periodSearch(period, { resolve: row.paymentId })}#resolve`} className="btn mt-1 bg-white text-sm ring-1 ring-sand-300">
                    {t("reports.flagged.resolve")}
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <Pager page={page} pages={pages} href={(to) => `?${periodSearch(period, { page: String(to) })}`} />
      </ReportSection>

      {resolving ? (
        <section id="resolve" aria-labelledby="resolve-heading" className="space-y-3 rounded-2xl bg-white p-4 ring-1 ring-sand-200 sm:p-5">
          <h2 id="resolve-heading" className="text-lg font-semibold">
            {t("reports.flagged.resolve")}: {resolving.orderNumber} · {formatRupiah(resolving.recorded)}
          </h2>
          <p className="text-sm text-clay-700">{t(`reports.diff.${resolving.kind}`)}</p>
          {errors.form ? <Alert tone="error">{t(errors.form as MessageKey)}</Alert> : null}
          <Form method="post" noValidate className="space-y-4">
            <FormToken token={formToken} />
            <input type="hidden" name="paymentId" value={resolving.paymentId} />
            <SelectField
              name="resolution"
              label={t("reports.flagged.resolution")}
              placeholder=""
              defaultValue={values.resolution ?? ""}
              error={fieldError("resolution")}
              options={(["refunded", "income"] as const).map((value) => ({ value, label: t(`reports.flagged.resolution.${value}`) }))}
            />
            {resolving.kind === "flagged_amount_mismatch" ? (
              <TextField
                name="amount"
                inputMode="numeric"
                label={t("reports.flagged.amount")}
                hint={t("reports.flagged.amountHint")}
                defaultValue={values.amount ?? ""}
                error={fieldError("amount")}
              />
            ) : null}
            <TextField name="reason" label={t("reports.flagged.reason")} hint={t("reports.flagged.reasonHint")} maxLength={500} defaultValue={values.reason ?? ""} error={fieldError("reason")} />
            <SubmitButton>{t("reports.flagged.resolve")}</SubmitButton>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
