import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Alert, SelectField, TextField } from "~/components/forms/field";
import { MoneyChart } from "~/components/money-chart";
import { FigureCard, Pager, ReportSection, ReportTable, ShareBars } from "~/components/report-pieces";
import { localized, type Locale } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { formatRupiah } from "~/lib/money";
import { pageMeta } from "~/lib/route-meta";
import { presets, periodSearch, type Grain, type Period } from "~/modules/reports/periods";
import { salesByCategory, salesByMember, salesSummary, type Figures } from "~/modules/reports/sales.server";
import { pageParam, reportRequest } from "~/web/reports.server";

const PAGE_SIZE = 20;

/** Sales by period, member business, category and channel, from the ledger (decision 35). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative, zone, period, error } = await reportRequest(request, context);
  const [summary, members, categories] = await Promise.all([
    salesSummary(context.db, cooperative.id, period, zone),
    salesByMember(context.db, cooperative.id, period, zone),
    salesByCategory(context.db, cooperative.id, period, zone),
  ]);
  const pages = Math.max(1, Math.ceil(members.length / PAGE_SIZE));
  const page = Math.min(pageParam(request), pages);
  return data(
    {
      period,
      zone,
      error,
      presets: presets(new Date(), zone),
      summary,
      members: members.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
      page,
      pages,
      categories,
    },
    { status: error ? 400 : 200, headers: { "Cache-Control": "private, no-store" } },
  );
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("reports.title")} · ${root.cooperative.name}`, description: t("reports.intro"), noindex: true }));

function bucketLabel(bucket: string, grain: Grain, locale: Locale): string {
  const intl = locale === "id" ? "id-ID" : "en-GB";
  if (grain === "month") return new Intl.DateTimeFormat(intl, { month: "short", timeZone: "UTC" }).format(new Date(`${bucket}-01T00:00:00Z`));
  const date = new Date(`${bucket}T00:00:00Z`);
  return grain === "day" ? String(date.getUTCDate()) : `${date.getUTCDate()}/${date.getUTCMonth() + 1}`;
}

function bucketName(bucket: string, grain: Grain, locale: Locale): string {
  const intl = locale === "id" ? "id-ID" : "en-GB";
  if (grain === "month") return new Intl.DateTimeFormat(intl, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${bucket}-01T00:00:00Z`));
  const formatted = new Intl.DateTimeFormat(intl, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${bucket}T00:00:00Z`));
  return grain === "week" ? `${formatted} +6` : formatted;
}

const csvHref = (period: Period, table: string) => `/admin/reports/csv?${periodSearch(period, { table })}`;

export default function ReportsPage() {
  const { period, zone, error, presets: choices, summary, members, page, pages, categories } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const totals = summary.totals;
  const empty = totals.omzet === 0 && totals.refunds === 0 && totals.charges === 0 && totals.otherIncome === 0;
  const money = (values: number[]) => values.map((value) => formatRupiah(value));
  const csv = (table: string, title: string) => ({ href: csvHref(period, table), label: t("reports.csvOf", { table: title }) });
  const categoryName = (row: (typeof categories)[number]) => (row.nameId ? localized(locale, row.nameId, row.nameEn) : t("reports.category.none"));
  const periodCells = (figures: Figures) => money([figures.omzet, figures.fee, figures.shipping, figures.refunds, figures.charges, figures.net]);
  return (
    <div className="max-w-5xl space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("reports.title")}</h1>
        <p className="text-muted">{t("reports.intro")}</p>
        <p>
          <Link to={`/admin/reports/reconciliation?${periodSearch(period)}`} className="font-semibold text-sea-700 underline">
            {t("reports.recon.link")}
          </Link>
        </p>
      </header>

      <ReportSection id="period" title={t("reports.periodPicker")}>
        <nav aria-label={t("reports.presets")} className="flex flex-wrap gap-2">
          {choices.map((choice) => {
            const current = choice.from === period.from && choice.to === period.to;
            return (
              <Link
                key={choice.key}
                to={`?${periodSearch({ ...period, from: choice.from, to: choice.to, grain: choice.grain })}`}
                aria-current={current ? "true" : undefined}
                className={`rounded-full px-3 py-1.5 text-sm ring-1 ${current ? "bg-sea-700 text-white ring-sea-700" : "bg-white ring-sand-300 hover:bg-sand-100"}`}
              >
                {t(`reports.preset.${choice.key}`)}
              </Link>
            );
          })}
        </nav>
        {error ? <Alert tone="error">{t(error)}</Alert> : null}
        <Form method="get" className="grid grid-cols-2 gap-3 sm:grid-cols-5 sm:items-end">
          <TextField name="from" type="date" label={t("reports.from")} defaultValue={period.from} required />
          <TextField name="to" type="date" label={t("reports.to")} defaultValue={period.to} required />
          <SelectField
            name="grain"
            label={t("reports.grain")}
            defaultValue={period.grain}
            options={(["day", "week", "month"] as const).map((grain) => ({ value: grain, label: t(`reports.grain.${grain}`) }))}
          />
          <SelectField
            name="channel"
            label={t("reports.channel")}
            defaultValue={period.channel}
            options={(["all", "online", "outlet"] as const).map((channel) => ({ value: channel, label: t(`reports.channel.${channel}`) }))}
          />
          <button type="submit" className="btn col-span-2 bg-sea-700 text-white hover:bg-sea-800 sm:col-span-1">
            {t("reports.apply")}
          </button>
        </Form>
        <p className="text-sm text-muted" data-testid="report-period">
          {t("reports.showing", { from: period.from, to: period.to, zone: zone.label })} · {t(`reports.channel.${period.channel}`)}
        </p>
      </ReportSection>

      <section aria-labelledby="summary-heading" className="space-y-3">
        <h2 id="summary-heading" className="text-lg font-semibold">{t("reports.summary")}</h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
          <FigureCard label={t("reports.figure.omzet")} value={totals.omzet} testId="report-omzet" />
          <FigureCard label={t("reports.figure.fee")} value={totals.fee} testId="report-fee" />
          <FigureCard label={t("reports.figure.shipping")} value={totals.shipping} testId="report-shipping" />
          <FigureCard
            label={t("reports.figure.refunds")}
            value={totals.refunds}
            testId="report-refunds"
            note={`${t("reports.figure.refundsCooperative")}: ${formatRupiah(totals.refundsCooperative)}`}
          />
          <FigureCard label={t("reports.figure.charges")} value={totals.charges} testId="report-charges" />
          {totals.otherIncome !== 0 ? <FigureCard label={t("reports.figure.otherIncome")} value={totals.otherIncome} /> : null}
          <FigureCard label={t("reports.figure.memberShare")} value={totals.memberShare} />
          <FigureCard label={t("reports.figure.net")} value={totals.net} tone="strong" testId="report-net" />
        </dl>
        <p className="text-sm text-muted">{t("reports.netExplain")}</p>
      </section>

      <ReportSection id="periods" title={t("reports.chart.title")} csv={csv("periods", t("reports.byPeriod"))}>
        {empty ? <p className="text-muted">{t("reports.empty")}</p> : null}
        <MoneyChart
          label={`${t("reports.chart.title")}: ${t("reports.chart.table")}`}
          legend={{ omzet: t("reports.figure.omzet"), net: t("reports.figure.net") }}
          months={summary.buckets.map(({ bucket, figures }) => ({ label: bucketLabel(bucket, period.grain, locale), omzet: figures.omzet, net: figures.net }))}
        />
        <ReportTable
          caption={t("reports.byPeriod")}
          minWidth="40rem"
          columns={[t("reports.period"), t("reports.figure.omzet"), t("reports.figure.fee"), t("reports.figure.shipping"), t("reports.figure.refunds"), t("reports.figure.charges"), t("reports.figure.net")]}
          rows={summary.buckets.map(({ bucket, figures }) => ({ key: bucket, head: bucketName(bucket, period.grain, locale), cells: periodCells(figures) }))}
          foot={{ head: t("reports.total"), cells: periodCells(totals) }}
        />
      </ReportSection>

      <ReportSection id="categories" title={t("reports.byCategory")} csv={csv("categories", t("reports.byCategory"))}>
        {categories.length === 0 ? (
          <p className="text-muted">{t("reports.empty")}</p>
        ) : (
          <>
            <ShareBars label={`${t("reports.chart.categories")}: ${t("reports.chart.table")}`} rows={categories.map((row) => ({ label: categoryName(row), value: row.figures.omzet }))} />
            <ReportTable
              caption={t("reports.byCategory")}
              minWidth="28rem"
              columns={[t("reports.category"), t("reports.quantity"), t("reports.figure.omzet"), t("reports.figure.fee"), t("reports.figure.refunds")]}
              rows={categories.map((row) => ({
                key: row.categoryId ?? "none",
                head: categoryName(row),
                cells: [row.quantity, ...money([row.figures.omzet, row.figures.fee, row.figures.refunds])],
              }))}
            />
          </>
        )}
      </ReportSection>

      <ReportSection id="members" title={t("reports.byMember")} csv={csv("members", t("reports.byMember"))}>
        {members.length === 0 ? (
          <p className="text-muted">{t("reports.empty")}</p>
        ) : (
          <ReportTable
            caption={t("reports.byMember")}
            columns={[t("reports.member.business"), t("reports.quantity"), t("reports.figure.omzet"), t("reports.figure.fee"), t("reports.figure.refunds"), t("reports.member.share")]}
            rows={members.map((row) => ({
              key: row.memberId ?? "none",
              head: row.businessName ? (
                <>
                  {row.businessName} <span className="text-xs text-muted">{row.memberNumber}</span>
                </>
              ) : (
                <span className="text-muted">{t("reports.member.none")}</span>
              ),
              cells: [row.quantity, ...money([row.figures.omzet, row.figures.fee, row.figures.refunds, row.figures.memberShare - row.figures.refundsMembers])],
            }))}
          />
        )}
        <Pager page={page} pages={pages} href={(to) => `?${periodSearch(period, { page: String(to) })}`} />
      </ReportSection>

      <ReportSection id="channels" title={t("reports.byChannel")} csv={csv("channels", t("reports.byChannel"))}>
        {summary.byChannel.length === 0 ? (
          <p className="text-muted">{t("reports.empty")}</p>
        ) : (
          <ReportTable
            caption={t("reports.byChannel")}
            minWidth="28rem"
            columns={[t("reports.channel"), t("reports.figure.omzet"), t("reports.figure.fee"), t("reports.figure.refunds"), t("reports.figure.net")]}
            rows={summary.byChannel.map(({ channel, figures }) => ({
              key: channel,
              head: t(`reports.channel.${channel}`),
              cells: money([figures.omzet, figures.fee, figures.refunds, figures.net]),
            }))}
          />
        )}
      </ReportSection>
    </div>
  );
}
