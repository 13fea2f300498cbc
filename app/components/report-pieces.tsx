import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useI18n } from "~/lib/i18n/react";
import { formatRupiah } from "~/lib/money";

/** One figure of a report's summary, as a card. */
export function FigureCard(props: { label: string; value: number; tone?: "strong"; testId?: string; note?: string }) {
  return (
    <div className="rounded-2xl bg-white p-4 ring-1 ring-sand-200">
      <dt className="text-sm text-muted">{props.label}</dt>
      <dd className={`mt-1 text-lg font-bold sm:text-xl ${props.tone === "strong" ? "text-sea-700" : ""}`} data-testid={props.testId}>
        {formatRupiah(props.value)}
      </dd>
      {props.note ? <dd className="mt-1 text-xs text-muted">{props.note}</dd> : null}
    </div>
  );
}

/** A table's CSV download: a plain link, so it works without JavaScript and on any phone. */
export function CsvLink(props: { href: string; label: string }) {
  return (
    <a href={props.href} download className="btn bg-white text-sm text-ink ring-1 ring-sand-300 hover:bg-sand-100">
      <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4">
        <path fill="currentColor" d="M9 3h2v8l3-3 1.4 1.4L10 14.8 4.6 9.4 6 8l3 3V3Zm-5 13h12v2H4v-2Z" />
      </svg>
      {props.label}
    </a>
  );
}

/** Previous and next links of a long table, keeping the rest of the address. */
export function Pager(props: { page: number; pages: number; href: (page: number) => string }) {
  const { t } = useI18n();
  if (props.pages <= 1) return null;
  return (
    <nav aria-label={t("reports.pagination")} className="flex items-center justify-between gap-2 pt-2 text-sm">
      {props.page > 1 ? (
        <Link to={props.href(props.page - 1)} className="btn bg-white ring-1 ring-sand-300" preventScrollReset>
          ← {t("reports.prev")}
        </Link>
      ) : (
        <span />
      )}
      <span aria-current="page">{t("reports.page", { page: props.page, pages: props.pages })}</span>
      {props.page < props.pages ? (
        <Link to={props.href(props.page + 1)} className="btn bg-white ring-1 ring-sand-300" preventScrollReset>
          {t("reports.next")} →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

/**
 * Horizontal bars, one per row (sales by category), drawn on the server as SVG: no library, no JavaScript. The
 * figure is an image with a name; the page gives the same numbers in a table beside it.
 */
export function ShareBars(props: { label: string; rows: { label: string; value: number }[] }) {
  const max = Math.max(1, ...props.rows.map((row) => row.value));
  const rowHeight = 28;
  const height = props.rows.length * rowHeight;
  return (
    <svg role="img" aria-label={props.label} viewBox={`0 0 320 ${height}`} className="w-full" style={{ maxHeight: `${props.rows.length * 2.2}rem` }}>
      {props.rows.map((row, index) => {
        const width = Math.round((Math.max(0, row.value) / max) * 180);
        const y = index * rowHeight;
        return (
          <g key={`${row.label}-${index}`}>
            <text x={0} y={y + 17} className="fill-current text-[11px]">
              {row.label.length > 18 ? `${row.label.slice(0, 17)}…` : row.label}
            </text>
            <rect x={120} y={y + 6} width={Math.max(width, 1)} height={16} rx={3} className="fill-sea-700" />
          </g>
        );
      })}
    </svg>
  );
}

/** A report's section: a heading, its CSV download beside it, and what it shows. */
export function ReportSection(props: { id: string; title: string; csv?: { href: string; label: string }; children: ReactNode }) {
  return (
    <section aria-labelledby={`${props.id}-heading`} className="space-y-3 rounded-2xl bg-white p-4 ring-1 ring-sand-200 sm:p-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${props.id}-heading`} className="text-lg font-semibold">
          {props.title}
        </h2>
        {props.csv ? <CsvLink href={props.csv.href} label={props.csv.label} /> : null}
      </div>
      {props.children}
    </section>
  );
}

export interface ReportRow {
  key: string;
  /** The row's name (its header cell). */
  head: ReactNode;
  /** The numbers, right-aligned. */
  cells: ReactNode[];
  testId?: string;
  tone?: string;
}

/**
 * A report's table: a row header and right-aligned numbers, in a region that scrolls sideways on a phone (and can be
 * reached by keyboard to do so), named by its caption for screen readers.
 */
export function ReportTable(props: { caption: string; columns: string[]; rows: ReportRow[]; foot?: Omit<ReportRow, "key">; minWidth?: string }) {
  const [first, ...numbers] = props.columns;
  const line = (row: Omit<ReportRow, "key">) => (
    <>
      <th scope="row" className="py-2 pr-3 text-left font-medium">
        {row.head}
      </th>
      {row.cells.map((cell, index) => (
        <td key={index} className={`py-2 text-right ${index < row.cells.length - 1 ? "pr-3" : ""} ${row.tone ?? ""}`}>
          {cell}
        </td>
      ))}
    </>
  );
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={props.caption}>
      <table className="w-full text-sm" style={{ minWidth: props.minWidth ?? "36rem" }}>
        <caption className="sr-only">{props.caption}</caption>
        <thead>
          <tr className="text-left text-muted">
            <th scope="col" className="py-2 pr-3">
              {first}
            </th>
            {numbers.map((label, index) => (
              <th key={label} scope="col" className={`py-2 text-right ${index < numbers.length - 1 ? "pr-3" : ""}`}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-sand-200">
          {props.rows.map((row) => (
            <tr key={row.key} data-testid={row.testId}>
              {line(row)}
            </tr>
          ))}
        </tbody>
        {props.foot ? (
          <tfoot>
            <tr className="font-semibold">{line(props.foot)}</tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
