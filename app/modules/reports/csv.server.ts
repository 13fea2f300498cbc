import { stringify } from "csv-stringify/sync";
import { localized, type Locale, type MessageKey, type Translate } from "~/lib/i18n/core";
import type { Period } from "./periods";
import type { Reconciliation } from "./reconciliation.server";
import type { CategorySales, Figures, MemberSales, SalesSummary } from "./sales.server";

/** The tables a report page offers as CSV, each with every row (the page shows them a page at a time). */
export const reportTables = ["periods", "members", "categories", "channels", "reconciliation", "differences"] as const;
export type ReportTable = (typeof reportTables)[number];

/** The money columns every sales table shares, in this order. */
const figureColumns = ["omzet", "fee", "shipping", "refunds", "charges", "net"] as const satisfies readonly (keyof Figures)[];

const figureHeaders = (t: Translate) => figureColumns.map((key) => t(`reports.figure.${key}` as MessageKey));
const figureCells = (figures: Figures) => figureColumns.map((key) => figures[key]);

/**
 * A CSV for a spreadsheet: a byte-order mark so Excel reads UTF-8, amounts as plain integers, and cells that start
 * like a formula (`=`, `+`, `-`, `@`) escaped, so a business name typed as `=HYPERLINK(...)` stays text.
 */
export function csvOf(rows: (string | number | null)[][]): string {
  return `\ufeff${stringify(rows, { escape_formulas: true })}`;
}

export function periodsCsv(summary: SalesSummary, t: Translate): string {
  return csvOf([
    [t("reports.period"), ...figureHeaders(t)],
    ...summary.buckets.map(({ bucket, figures }) => [bucket, ...figureCells(figures)]),
    [t("reports.total"), ...figureCells(summary.totals)],
  ]);
}

export function membersCsv(rows: MemberSales[], t: Translate): string {
  return csvOf([
    [t("reports.member.number"), t("reports.member.business"), t("reports.quantity"), t("reports.figure.omzet"), t("reports.figure.fee"), t("reports.figure.refunds"), t("reports.member.share")],
    ...rows.map((row) => [
      row.memberNumber ?? "",
      row.businessName ?? t("reports.member.none"),
      row.quantity,
      row.figures.omzet,
      row.figures.fee,
      row.figures.refundsMembers + row.figures.refundsCooperative,
      row.figures.memberShare - row.figures.refundsMembers,
    ]),
  ]);
}

export function categoriesCsv(rows: CategorySales[], t: Translate, locale: Locale): string {
  return csvOf([
    [t("reports.category"), t("reports.quantity"), t("reports.figure.omzet"), t("reports.figure.fee"), t("reports.figure.refunds")],
    ...rows.map((row) => [
      row.nameId ? localized(locale, row.nameId, row.nameEn) : t("reports.category.none"),
      row.quantity,
      row.figures.omzet,
      row.figures.fee,
      row.figures.refunds,
    ]),
  ]);
}

export function channelsCsv(summary: SalesSummary, t: Translate): string {
  return csvOf([
    [t("reports.channel"), ...figureHeaders(t)],
    ...summary.byChannel.map(({ channel, figures }) => [t(`reports.channel.${channel}`), ...figureCells(figures)]),
  ]);
}

export function reconciliationCsv(reconciliation: Reconciliation, t: Translate): string {
  return csvOf([
    [t("reports.recon.source"), t("reports.recon.recorded"), t("reports.recon.count"), t("reports.recon.posted"), t("reports.recon.count"), t("reports.recon.difference"), t("reports.recon.flagged")],
    ...reconciliation.sources.map((row) => [
      t(`reports.source.${row.source}`),
      row.recorded,
      row.recordedCount,
      row.posted,
      row.postedCount,
      row.recorded - row.posted,
      row.flagged,
    ]),
  ]);
}

export function differencesCsv(reconciliation: Reconciliation, t: Translate): string {
  return csvOf([
    [t("reports.recon.kind"), t("reports.recon.source"), t("reports.recon.order"), t("reports.recon.reference"), t("reports.recon.status"), t("reports.recon.recorded"), t("reports.recon.posted"), t("reports.recon.at")],
    ...reconciliation.differences.map((row) => [
      t(`reports.diff.${row.kind}`),
      t(`reports.source.${row.source}`),
      row.orderNumber,
      row.reference,
      row.paymentStatus,
      row.recorded,
      row.posted,
      row.at ? row.at.toISOString() : "",
    ]),
  ]);
}

/** `laporan-members-2026-11-01_2026-11-30.csv`. */
export function csvFileName(table: ReportTable, period: Pick<Period, "from" | "to">): string {
  return `laporan-${table}-${period.from}_${period.to}.csv`;
}
