import { stringify } from "csv-stringify/sync";
import type { Locale, Translate } from "~/lib/i18n/core";
import { pdfDocument, pdfTableRow } from "~/lib/pdf-table.server";
import type { IndonesianTimeZone } from "~/lib/indonesia/time-zones";
import { formatRupiah } from "~/lib/money";
import type { Statement, StatementRow } from "./balances.server";
import { monthName } from "./months";

export interface StatementHeader {
  cooperativeName: string;
  businessName: string;
  memberNumber: string;
  locale: Locale;
  zone: IndonesianTimeZone;
  t: Translate;
}

function dayOf(date: Date, header: StatementHeader): string {
  return new Intl.DateTimeFormat(header.locale === "id" ? "id-ID" : "en-GB", {
    dateStyle: "medium",
    timeZone: header.zone.iana,
  }).format(date);
}

function describe(row: StatementRow, t: Translate): string {
  return t(`money.statement.kind.${row.kind}`, { memo: row.memo }).trim();
}

/** The reconciliation, in order: what a statement adds up. */
function summary(statement: Statement, t: Translate): [string, number][] {
  return [
    [t("money.statement.opening"), statement.opening],
    [t("money.statement.earnings"), statement.earnings],
    [t("money.statement.refunds"), -statement.refunds],
    [t("money.statement.payouts"), -statement.payouts],
    [t("money.statement.adjustments"), statement.adjustments],
    [t("money.statement.closing"), statement.closing],
  ];
}

/**
 * The statement as CSV for a spreadsheet or an accountant: the summary, then one row per entry. Plain integers
 * (no "Rp", no grouping) so the sums can be redone; cells that a spreadsheet would run as formulas are escaped.
 */
export function statementCsv(
  statement: Statement,
  header: StatementHeader
): string {
  const { t } = header;
  const rows: (string | number)[][] = [
    [
      t("money.statement.heading", {
        month: monthName(statement.month, header.locale),
      }),
    ],
    [
      t("money.statement.business", {
        name: header.businessName,
        number: header.memberNumber,
      }),
      header.cooperativeName,
    ],
    [],
    ...summary(statement, t),
    [t("money.omzet"), statement.omzet],
    [t("money.fee"), statement.fee],
    [],
    [
      t("money.statement.date"),
      t("money.statement.description"),
      t("money.statement.gross"),
      t("money.fee"),
      t("money.statement.amount"),
    ],
    ...statement.rows.map((row) => [
      dayOf(row.postedAt, header),
      describe(row, t),
      row.gross,
      row.fee,
      row.amount,
    ]),
  ];
  return stringify(rows, { escape_formulas: true });
}

/** The statement as a one-or-more page A4 PDF in the member's language. */
export function statementPdf(
  statement: Statement,
  header: StatementHeader
): Promise<Buffer> {
  const { t } = header;
  const { doc, done } = pdfDocument({
    size: "A4",
    margin: 48,
    info: {
      Title: t("money.statement.heading", {
        month: monthName(statement.month, header.locale),
      }),
    },
  });
  const left = 48;
  const width = doc.page.width - 96;
  doc
    .font("Helvetica-Bold")
    .fontSize(16)
    .text(
      t("money.statement.heading", {
        month: monthName(statement.month, header.locale),
      })
    );
  doc
    .font("Helvetica")
    .fontSize(10)
    .text(header.cooperativeName)
    .text(
      t("money.statement.business", {
        name: header.businessName,
        number: header.memberNumber,
      })
    );
  doc.moveDown();
  const pair = (label: string, value: number, bold = false) => {
    const y = doc.y;
    doc
      .font(bold ? "Helvetica-Bold" : "Helvetica")
      .fontSize(11)
      .text(label, left, y, { width: width - 140 });
    doc.text(formatRupiah(value), left + width - 140, y, {
      width: 140,
      align: "right",
    });
  };
  const lines = summary(statement, t);
  lines.forEach(([label, value], index) =>
    pair(label, value, index === 0 || index === lines.length - 1)
  );
  doc.moveDown(0.5);
  doc
    .font("Helvetica")
    .fontSize(9)
    .fillColor("#555555")
    .text(t("money.statement.intro"), left, doc.y, { width })
    .fillColor("#000000");
  doc.moveDown();
  pair(t("money.omzet"), statement.omzet);
  pair(t("money.fee"), statement.fee);
  doc.moveDown();

  const columns = [
    { label: t("money.statement.date"), width: 80, align: "left" as const },
    {
      label: t("money.statement.description"),
      width: width - 80 - 3 * 85,
      align: "left" as const,
    },
    { label: t("money.statement.gross"), width: 85, align: "right" as const },
    { label: t("money.fee"), width: 85, align: "right" as const },
    { label: t("money.statement.amount"), width: 85, align: "right" as const },
  ];
  const row = (cells: string[], bold = false) => pdfTableRow(doc, left, columns, cells, bold);
  row(
    columns.map((column) => column.label),
    true
  );
  if (statement.rows.length === 0)
    doc
      .font("Helvetica")
      .fontSize(10)
      .text(t("money.statement.none"), left, doc.y);
  for (const entry of statement.rows) {
    row([
      dayOf(entry.postedAt, header),
      describe(entry, t),
      entry.gross ? formatRupiah(entry.gross) : "",
      entry.fee ? formatRupiah(entry.fee) : "",
      formatRupiah(entry.amount),
    ]);
  }
  doc.end();
  return done;
}
