import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MoneyChart } from "~/components/money-chart";
import { localized } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import { formatRupiah } from "~/lib/money";
import { pageMeta } from "~/lib/route-meta";
import { memberBalance } from "~/modules/ledger/balances.server";
import { earningsByMonth, earningsByProduct, earningsOf, soldLines } from "~/modules/ledger/earnings.server";
import { monthBounds, monthName, recentMonths } from "~/modules/ledger/months";
import { memberShuLines } from "~/modules/shu/years.server";
import { memberPayouts } from "~/modules/payouts/runs.server";
import { now as clockNow } from "~/lib/clock.server";
import { formatDateTime } from "~/lib/dates";
import { maskAccountNumber } from "~/lib/indonesia/banks";
import { payoutProviderName } from "~/lib/indonesia/payout-accounts";
import { requireMemberUser } from "~/web/guards.server";

/** The member business's money: only their own, from the session (no id in the address to try another's). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative, member } = await requireMemberUser(request, context);
  const now = new Date();
  const zone = timeZoneOfProvince(cooperative.province);
  const months = recentMonths(now, zone, 12);
  const [balance, lines, payouts, shu] = await Promise.all([
    // What is available follows the payout run's clock (decision 34), so the member sees what a run would pay.
    memberBalance(context.db, cooperative.id, member.memberId, { now: clockNow(), holdDays: cooperative.payoutHoldDays }),
    soldLines(context.db, cooperative.id, member.memberId, zone, monthBounds(months[0]!, zone).from),
    memberPayouts(context.db, cooperative.id, member.memberId),
    memberShuLines(context.db, cooperative.id, member.memberId),
  ]);
  return {
    holdDays: cooperative.payoutHoldDays,
    zone,
    payouts: payouts.map((payout) => ({ ...payout, provider: payoutProviderName(payout.providerCode), accountNumber: maskAccountNumber(payout.accountNumber) })),
    balance,
    totals: earningsOf(lines),
    byMonth: earningsByMonth(lines, months),
    byProduct: earningsByProduct(lines),
    months: [...months].reverse(),
    shu,
  };
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("money.title")} · ${root.cooperative.name}`, description: t("money.intro"), noindex: true }));

function Figure(props: { label: string; value: number; tone?: "strong" | "muted"; testId?: string }) {
  return (
    <div className="rounded-2xl bg-white p-4 ring-1 ring-sand-200">
      <dt className="text-sm text-muted">{props.label}</dt>
      <dd className={`mt-1 text-xl font-bold ${props.tone === "strong" ? "text-sea-700" : ""}`} data-testid={props.testId}>
        {formatRupiah(props.value)}
      </dd>
    </div>
  );
}

export default function MemberMoney() {
  const { holdDays, zone, payouts, balance, totals, byMonth, byProduct, months, shu } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const shortMonth = (month: string) =>
    new Intl.DateTimeFormat(locale === "id" ? "id-ID" : "en-GB", { month: "short", timeZone: "UTC" }).format(new Date(`${month}-01T00:00:00Z`));
  const profit = (value: number | null) => (value === null ? <span className="text-clay-700">{t("money.profit.missing")}</span> : formatRupiah(value));
  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("money.title")}</h1>
        <p className="text-muted">{t("money.intro")}</p>
      </header>

      <section aria-labelledby="balance-heading" className="space-y-3">
        <h2 id="balance-heading" className="text-lg font-semibold">
          {t("money.available")}
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          <Figure label={t("money.available")} value={balance.available} tone="strong" testId="money-available" />
          <Figure label={t("money.pending")} value={balance.pending} testId="money-pending" />
          <Figure label={t("money.paidOut")} value={balance.paidOut} />
        </dl>
        <p className="text-sm text-muted">{t("money.holdNote", { days: holdDays })}</p>
      </section>

      <section aria-labelledby="payouts-heading" className="space-y-3 rounded-2xl bg-white p-4 ring-1 ring-sand-200 sm:p-5">
        <h2 id="payouts-heading" className="text-lg font-semibold">
          {t("memberPayouts.title")}
        </h2>
        {payouts.length === 0 ? (
          <p className="text-muted">{t("memberPayouts.empty")}</p>
        ) : (
          <ul className="divide-y divide-sand-200" aria-labelledby="payouts-heading">
            {payouts.map((payout) => (
              <li key={payout.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="member-payout">
                <span>
                  <span className="block font-medium">{formatDateTime(locale, payout.date, zone)}</span>
                  <span className="block text-sm text-muted">
                    {payout.provider} {payout.accountNumber} · {payout.reference}
                  </span>
                </span>
                <span className="text-right">
                  <span className="block font-semibold">{formatRupiah(payout.amount)}</span>
                  <span className={`block text-sm ${payout.status === "failed" ? "text-clay-700" : payout.status === "paid" ? "text-sea-700" : ""}`}>
                    {t(`memberPayouts.status.${payout.status}`)}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="sales-heading" className="space-y-3">
        <h2 id="sales-heading" className="text-lg font-semibold">
          {t("money.omzet")} · {t("money.period")}
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Figure label={t("money.omzet")} value={totals.omzet} testId="money-omzet" />
          <Figure label={t("money.fee")} value={totals.fee} testId="money-fee" />
          <Figure label={t("money.refunded")} value={totals.refunded} />
          <Figure label={t("money.net")} value={totals.net} tone="strong" testId="money-net" />
        </dl>
      </section>

      <section aria-labelledby="chart-heading" className="space-y-3 rounded-2xl bg-white p-4 ring-1 ring-sand-200 sm:p-5">
        <h2 id="chart-heading" className="text-lg font-semibold">
          {t("money.chart.title")}
        </h2>
        <MoneyChart
          label={`${t("money.chart.title")}: ${t("money.chart.table")}`}
          legend={{ omzet: t("money.chart.omzet"), net: t("money.chart.net") }}
          months={byMonth.map(({ month, earnings }) => ({ label: shortMonth(month), omzet: earnings.omzet, net: earnings.net }))}
        />
        <div className="overflow-x-auto" tabIndex={0}>
          <table className="w-full min-w-[32rem] text-sm">
            <caption className="sr-only">{t("money.chart.table")}</caption>
            <thead>
              <tr className="text-left text-muted">
                <th scope="col" className="py-2 pr-3">{t("money.month")}</th>
                <th scope="col" className="py-2 pr-3 text-right">{t("money.omzet")}</th>
                <th scope="col" className="py-2 pr-3 text-right">{t("money.fee")}</th>
                <th scope="col" className="py-2 pr-3 text-right">{t("money.net")}</th>
                <th scope="col" className="py-2 text-right">{t("money.profit")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-sand-200">
              {[...byMonth].reverse().map(({ month, earnings }) => (
                <tr key={month}>
                  <th scope="row" className="py-2 pr-3 text-left font-medium">{monthName(month, locale)}</th>
                  <td className="py-2 pr-3 text-right">{formatRupiah(earnings.omzet)}</td>
                  <td className="py-2 pr-3 text-right">{formatRupiah(earnings.fee)}</td>
                  <td className="py-2 pr-3 text-right">{formatRupiah(earnings.net)}</td>
                  <td className="py-2 text-right">{profit(earnings.profit)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="profit-heading" className="space-y-3 rounded-2xl bg-white p-4 ring-1 ring-sand-200 sm:p-5">
        <h2 id="profit-heading" className="text-lg font-semibold">
          {t("money.profit.title")}
        </h2>
        <p className="text-sm text-muted">{t("money.profit.explain")}</p>
        <Link to="/member/keuangan/hpp" className="btn bg-white text-ink ring-1 ring-sand-300 hover:bg-sand-100">
          {t("money.cost.link")}
        </Link>
        {byProduct.length === 0 ? (
          <p className="text-muted">{t("money.profit.empty")}</p>
        ) : (
          <div className="overflow-x-auto" tabIndex={0}>
            <table className="w-full min-w-[32rem] text-sm">
              <thead>
                <tr className="text-left text-muted">
                  <th scope="col" className="py-2 pr-3">{t("money.profit.product")}</th>
                  <th scope="col" className="py-2 pr-3 text-right">{t("money.profit.sold")}</th>
                  <th scope="col" className="py-2 pr-3 text-right">{t("money.omzet")}</th>
                  <th scope="col" className="py-2 pr-3 text-right">{t("money.net")}</th>
                  <th scope="col" className="py-2 pr-3 text-right">{t("money.costOfGoods")}</th>
                  <th scope="col" className="py-2 text-right">{t("money.profit")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-sand-200">
                {byProduct.map((product) => (
                  <tr key={product.productId}>
                    <th scope="row" className="py-2 pr-3 text-left font-medium">{localized(locale, product.nameId, product.nameEn)}</th>
                    <td className="py-2 pr-3 text-right">{product.quantity}</td>
                    <td className="py-2 pr-3 text-right">{formatRupiah(product.earnings.omzet)}</td>
                    <td className="py-2 pr-3 text-right">{formatRupiah(product.earnings.net)}</td>
                    <td className="py-2 pr-3 text-right">{product.earnings.costMissing ? "–" : formatRupiah(product.earnings.cost)}</td>
                    <td className="py-2 text-right">{profit(product.earnings.profit)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="statement-heading" className="space-y-3 rounded-2xl bg-white p-4 ring-1 ring-sand-200 sm:p-5">
        <h2 id="statement-heading" className="text-lg font-semibold">
          {t("money.statement.title")}
        </h2>
        <p className="text-sm text-muted">{t("money.statement.intro")}</p>
        <ul className="divide-y divide-sand-200">
          {months.map((month) => (
            <li key={month} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span className="font-medium">{monthName(month, locale)}</span>
              <span className="flex gap-2">
                <a className="btn bg-white text-ink ring-1 ring-sand-300 hover:bg-sand-100" href={`/member/keuangan/statement?month=${month}&format=pdf`} download>
                  {t("money.statement.pdf")} <span className="sr-only">{monthName(month, locale)}</span>
                </a>
                <a className="btn bg-white text-ink ring-1 ring-sand-300 hover:bg-sand-100" href={`/member/keuangan/statement?month=${month}&format=csv`} download>
                  {t("money.statement.csv")} <span className="sr-only">{monthName(month, locale)}</span>
                </a>
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="shu-heading" className="space-y-3 rounded-2xl bg-white p-4 ring-1 ring-sand-200 sm:p-5">
        <h2 id="shu-heading" className="text-lg font-semibold">
          {t("shu.member.title")}
        </h2>
        <p className="text-sm text-muted">{t("shu.member.intro")}</p>
        {shu.length === 0 ? (
          <p className="text-muted">{t("shu.member.none")}</p>
        ) : (
          <ul className="divide-y divide-sand-200" data-testid="member-shu">
            {shu.map((line) => (
              <li key={line.year} className="py-2">
                <p className="flex flex-wrap justify-between gap-2 font-semibold">
                  <span>{t("shu.year", { year: line.year })}</span>
                  <span>{formatRupiah(line.jasaUsaha + line.jasaModal)}</span>
                </p>
                <p className="text-sm text-muted">
                  {t("shu.member.line", {
                    jasaUsaha: formatRupiah(line.jasaUsaha),
                    sales: formatRupiah(line.sales),
                    jasaModal: formatRupiah(line.jasaModal),
                    savings: formatRupiah(line.savings),
                  })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
