import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, SelectField, SubmitButton, TextField } from "~/components/forms/field";
import { FormToken } from "~/components/forms/form-token";
import { adjustLedger } from "~/flows/adjust-ledger.server";
import { formatDateTime } from "~/lib/dates";
import { newFormToken } from "~/lib/form-token.server";
import type { MessageKey, Translate } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import { formatRupiah } from "~/lib/money";
import { pageMeta } from "~/lib/route-meta";
import { can } from "~/modules/identity/access";
import { accountKey, fixedAccounts, type AccountRef } from "~/modules/ledger/accounts.server";
import { adjustmentSchema, ledgerErrors } from "~/modules/ledger/adjustment-form";
import { recentEntries, trialBalance } from "~/modules/ledger/balances.server";
import { feeOverrides } from "~/modules/ledger/fees.server";
import { parseForm, refused, submitFormOnce } from "~/web/forms.server";
import { requireAbility } from "~/web/guards.server";

const PAGE_SIZE = 25;

/** The trial balance, the journal a page at a time, and (for managers) the adjustment form. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "ledger.read");
  const page = Math.max(1, Math.min(10_000, Number(new URL(request.url).searchParams.get("page")) || 1));
  const [accounts, journal, overrides] = await Promise.all([
    trialBalance(context.db, cooperative.id),
    recentEntries(context.db, cooperative.id, page, PAGE_SIZE),
    feeOverrides(context.db, cooperative.id),
  ]);
  return {
    accounts,
    journal,
    page,
    pages: Math.max(1, Math.ceil(journal.total / PAGE_SIZE)),
    zone: timeZoneOfProvince(cooperative.province),
    mayAdjust: can(actor, "ledger.adjust"),
    // The accounts an adjustment may name: the fixed chart, and a payable per member business (made when first used).
    chart: [
      ...fixedAccounts.map((ref) => ({ key: accountKey(ref), kind: ref.kind, provider: "provider" in ref ? ref.provider : null, name: "" })),
      ...(overrides?.members ?? []).map((member) => ({
        key: accountKey({ kind: "member_payable", memberId: member.id }),
        kind: "member_payable" as const,
        provider: null,
        name: `${member.businessName} (${member.memberNumber})`,
      })),
    ],
    saved: new URL(request.url).searchParams.get("saved") === "1",
    formToken: newFormToken(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "ledger.adjust");
  const formData = await request.formData();
  const key = { cooperativeId: cooperative.id, purpose: "ledger.adjust", userId: actor.userId };
  const sent = await submitFormOnce(context.db, key, formData, async (tx) => {
    const form = parseForm(adjustmentSchema, formData);
    if (!form.ok) return { refused: form.answer };
    const posted = await adjustLedger(tx, { ...form.data, cooperativeId: cooperative.id, actorUserId: actor.userId, ipAddress: context.clientIp });
    return posted.ok ? { done: posted.entryId } : { refused: refused(formData, ledgerErrors, posted.error) };
  });
  if (!sent.ok) return sent.answer;
  return redirect("/admin/ledger?saved=1");
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("ledger.title")} · ${root.cooperative.name}`, description: t("ledger.intro"), noindex: true }));

function accountName(t: Translate, account: { kind: AccountRef["kind"]; provider?: string | null; businessName?: string | null; name?: string }): string {
  const provider = account.provider === "manual" ? "transfer" : (account.provider ?? "");
  return t(`ledger.account.${account.kind}`, { provider: provider.charAt(0).toUpperCase() + provider.slice(1), member: account.businessName ?? account.name ?? "" });
}

export default function LedgerPage() {
  const { accounts, journal, page, pages, zone, mayAdjust, chart, saved, formToken } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const errors: Record<string, string | undefined> = result && "errors" in result ? result.errors : {};
  const values: Record<string, string | undefined> = result && "values" in result ? result.values : {};
  const error = (name: string) => (errors[name] ? t(errors[name] as MessageKey) : undefined);
  const options = chart.map((account) => ({ value: account.key, label: accountName(t, account) }));
  const debits = accounts.reduce((sum, row) => sum + row.debit, 0);
  const credits = accounts.reduce((sum, row) => sum + row.credit, 0);
  return (
    <div className="max-w-4xl space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("ledger.title")}</h1>
        <p className="text-muted">{t("ledger.intro")}</p>
      </header>
      {saved && !result ? <Alert tone="success">{t("ledger.adjust.saved")}</Alert> : null}

      <section aria-labelledby="trial-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="trial-heading" className="text-lg font-semibold">{t("ledger.trial.title")}</h2>
        {accounts.length === 0 ? (
          <p className="mt-2 text-muted">{t("ledger.empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="mt-2 w-full min-w-[28rem] text-sm">
              <thead>
                <tr className="text-left text-muted">
                  <th scope="col" className="py-2 pr-3">{t("ledger.account")}</th>
                  <th scope="col" className="py-2 pr-3 text-right">{t("ledger.debit")}</th>
                  <th scope="col" className="py-2 text-right">{t("ledger.credit")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-sand-200">
                {accounts.map((row) => (
                  <tr key={row.accountId}>
                    <th scope="row" className="py-2 pr-3 text-left font-medium">{accountName(t, row)}</th>
                    <td className="py-2 pr-3 text-right">{formatRupiah(row.debit)}</td>
                    <td className="py-2 text-right">{formatRupiah(row.credit)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="font-semibold">
                  <th scope="row" className="py-2 pr-3 text-left">{t("ledger.total")}</th>
                  <td className="py-2 pr-3 text-right">{formatRupiah(debits)}</td>
                  <td className="py-2 text-right">{formatRupiah(credits)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="entries-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="entries-heading" className="text-lg font-semibold">{t("ledger.entries.title")}</h2>
        {journal.entries.length === 0 ? (
          <p className="mt-2 text-muted">{t("ledger.empty")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-sand-200 text-sm">
            {journal.entries.map((entry) => (
              <li key={entry.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <span className="block font-medium">
                    {t(`ledger.source.${entry.sourceKind}` as MessageKey)} {entry.memo ? `· ${entry.memo}` : ""}
                  </span>
                  <span className="text-xs text-muted">{formatDateTime(locale, entry.postedAt, zone)}</span>
                </span>
                <span className="font-semibold">{formatRupiah(entry.amount)}</span>
              </li>
            ))}
          </ul>
        )}
        {pages > 1 ? (
          <nav aria-label={t("ledger.entries.title")} className="mt-3 flex gap-3">
            {page > 1 ? <Link to={`?page=${page - 1}`} className="btn bg-white ring-1 ring-sand-300">←</Link> : null}
            <span className="self-center text-sm">{page} / {pages}</span>
            {page < pages ? <Link to={`?page=${page + 1}`} className="btn bg-white ring-1 ring-sand-300">→</Link> : null}
          </nav>
        ) : null}
      </section>

      {mayAdjust ? (
        <section aria-labelledby="adjust-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <h2 id="adjust-heading" className="text-lg font-semibold">{t("ledger.adjust.title")}</h2>
          <p className="text-sm text-muted">{t("ledger.adjust.intro")}</p>
          {errors.form ? <Alert tone="error">{t(errors.form as MessageKey)}</Alert> : null}
          <Form method="post" noValidate className="mt-4 space-y-4">
            <FormToken token={formToken} />
            <div className="grid gap-4 sm:grid-cols-2">
              <SelectField name="debit" label={t("ledger.adjust.debit")} placeholder={t("ledger.adjust.choose")} options={options} defaultValue={values.debit ?? ""} error={error("debit")} />
              <SelectField name="credit" label={t("ledger.adjust.credit")} placeholder={t("ledger.adjust.choose")} options={options} defaultValue={values.credit ?? ""} error={error("credit")} />
            </div>
            <TextField name="amount" label={t("ledger.adjust.amount")} inputMode="numeric" defaultValue={values.amount ?? ""} error={error("amount")} />
            <TextField name="reason" label={t("ledger.adjust.reason")} maxLength={300} defaultValue={values.reason ?? ""} error={error("reason")} />
            <SubmitButton>{t("ledger.adjust.submit")}</SubmitButton>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
