import { stringify } from "csv-stringify/sync";
import type { Locale, Translate } from "~/lib/i18n/core";
import { BASIS_POINTS, formatRupiah } from "~/lib/money";
import { pdfDocument, pdfTableRow, type PdfColumn } from "~/lib/pdf-table.server";
import { basisPointsToPercent } from "~/lib/percent";
import type { ShuReport } from "./compute";
import { shuLineName } from "./names";

export interface ShuFileHeader {
  cooperativeName: string;
  year: number;
  locale: Locale;
  t: Translate;
  /** "Final: 3 Jan 2027, 10.00 WITA by Ibu Ani", or null for a draft. */
  finalised: string | null;
}

export interface ShuFileMember {
  memberNumber: string;
  businessName: string;
  sales: number;
  savings: number;
  jasaUsaha: number;
  jasaModal: number;
  total: number;
}

function percentOf(basisPoints: number, locale: Locale) {
  return `${basisPointsToPercent(basisPoints, locale === "id" ? "," : ".")} %`;
}

function notes(report: ShuReport, t: Translate): string[] {
  return [
    ...(report.undistributed.jasaUsaha > 0 ? [t("shu.report.undistributed.jasaUsaha", { amount: formatRupiah(report.undistributed.jasaUsaha) })] : []),
    ...(report.undistributed.jasaModal > 0 ? [t("shu.report.undistributed.jasaModal", { amount: formatRupiah(report.undistributed.jasaModal) })] : []),
  ];
}

/**
 * The SHU report as CSV for the accountant: the allocation lines, then one row per member with sales, savings, jasa
 * usaha, jasa modal and total, and the totals. Plain integers so the sums can be redone; formulas escaped.
 */
export function shuCsv(report: ShuReport, members: readonly ShuFileMember[], header: ShuFileHeader): string {
  const { t } = header;
  const rows: (string | number)[][] = [
    [t("shu.report.heading", { year: header.year }), header.cooperativeName],
    ...(header.finalised ? [[header.finalised]] : [[t("shu.report.draft")]]),
    [],
    [t("shu.report.line"), t("shu.report.percent"), t("shu.report.amount")],
    ...report.lines.map((line) => [shuLineName(line, t), basisPointsToPercent(line.basisPoints, "."), line.amount]),
    [t("shu.report.surplus"), basisPointsToPercent(BASIS_POINTS, "."), report.surplus],
    ...notes(report, t).map((note) => [note]),
    [],
    [t("shu.member.number"), t("shu.member.business"), t("shu.report.sales"), t("shu.report.savings"), t("shu.line.jasaUsaha"), t("shu.line.jasaModal"), t("shu.report.total")],
    ...members.map((member) => [member.memberNumber, member.businessName, member.sales, member.savings, member.jasaUsaha, member.jasaModal, member.total]),
    [t("shu.report.total"), "", report.totals.sales, report.totals.savings, report.totals.jasaUsaha, report.totals.jasaModal, report.totals.total],
  ];
  return stringify(rows, { escape_formulas: true });
}

/** The SHU report as an A4 PDF in the reader's language: allocation, then every member's part, with totals. */
export function shuPdf(report: ShuReport, members: readonly ShuFileMember[], header: ShuFileHeader): Promise<Buffer> {
  const { t, locale } = header;
  const title = t("shu.report.heading", { year: header.year });
  const { doc, done } = pdfDocument({ size: "A4", margin: 40, info: { Title: title } });
  const left = 40;
  const width = doc.page.width - 80;
  doc.font("Helvetica-Bold").fontSize(16).text(title);
  doc.font("Helvetica").fontSize(10).text(header.cooperativeName).text(header.finalised ?? t("shu.report.draft"));
  doc.moveDown();

  const table = (columns: PdfColumn[]) => (cells: string[], bold = false) => pdfTableRow(doc, left, columns, cells, bold);

  const allocationColumns = [
    { label: t("shu.report.line"), width: width - 200, align: "left" as const },
    { label: t("shu.report.percent"), width: 70, align: "right" as const },
    { label: t("shu.report.amount"), width: 130, align: "right" as const },
  ];
  const allocationRow = table(allocationColumns);
  doc.font("Helvetica-Bold").fontSize(12).text(t("shu.report.allocation"), left, doc.y);
  doc.moveDown(0.3);
  allocationRow(allocationColumns.map((column) => column.label), true);
  for (const line of report.lines) allocationRow([shuLineName(line, t), percentOf(line.basisPoints, locale), formatRupiah(line.amount)]);
  allocationRow([t("shu.report.surplus"), percentOf(BASIS_POINTS, locale), formatRupiah(report.surplus)], true);
  for (const note of notes(report, t)) doc.font("Helvetica").fontSize(9).fillColor("#8a3b1d").text(note, left, doc.y, { width }).fillColor("#000000");
  doc.moveDown();

  const memberColumns = [
    { label: t("shu.member.number"), width: 60, align: "left" as const },
    { label: t("shu.member.business"), width: width - 60 - 5 * 76, align: "left" as const },
    { label: t("shu.report.sales"), width: 76, align: "right" as const },
    { label: t("shu.report.savings"), width: 76, align: "right" as const },
    { label: t("shu.line.jasaUsaha"), width: 76, align: "right" as const },
    { label: t("shu.line.jasaModal"), width: 76, align: "right" as const },
    { label: t("shu.report.total"), width: 76, align: "right" as const },
  ];
  const memberRow = table(memberColumns);
  doc.font("Helvetica-Bold").fontSize(12).text(t("shu.report.members"), left, doc.y);
  doc.moveDown(0.3);
  memberRow(memberColumns.map((column) => column.label), true);
  for (const member of members) {
    memberRow([member.memberNumber, member.businessName, formatRupiah(member.sales), formatRupiah(member.savings), formatRupiah(member.jasaUsaha), formatRupiah(member.jasaModal), formatRupiah(member.total)]);
  }
  const { totals } = report;
  memberRow([t("shu.report.total"), "", formatRupiah(totals.sales), formatRupiah(totals.savings), formatRupiah(totals.jasaUsaha), formatRupiah(totals.jasaModal), formatRupiah(totals.total)], true);
  doc.moveDown();
  doc.font("Helvetica").fontSize(8).fillColor("#555555").text(t("shu.report.method"), left, doc.y, { width }).fillColor("#000000");
  doc.end();
  return done;
}
