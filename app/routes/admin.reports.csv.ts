import type { LoaderFunctionArgs } from "@remix-run/node";
import { httpError } from "~/lib/http.server";
import { resolveLocale, translatorFor } from "~/lib/i18n/locale.server";
import {
  categoriesCsv,
  channelsCsv,
  csvFileName,
  differencesCsv,
  membersCsv,
  periodsCsv,
  reconciliationCsv,
  reportTables,
  type ReportTable,
} from "~/modules/reports/csv.server";
import { reconcile } from "~/modules/reports/reconciliation.server";
import { salesByCategory, salesByMember, salesSummary } from "~/modules/reports/sales.server";
import { reportRequest } from "~/web/reports.server";

const isTable = (value: string | null): value is ReportTable => reportTables.includes(value as ReportTable);

/** Every report table as CSV, all rows, in the reader's language (`?table=members&from=…&to=…`). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative, zone, period } = await reportRequest(request, context, { strict: true });
  const table = new URL(request.url).searchParams.get("table");
  if (!isTable(table)) throw httpError(400, "reports.error.table");
  const locale = resolveLocale(request);
  const t = translatorFor(locale);
  const db = context.db;
  const csv = await (async () => {
    switch (table) {
      case "periods":
        return periodsCsv(await salesSummary(db, cooperative.id, period, zone), t);
      case "channels":
        return channelsCsv(await salesSummary(db, cooperative.id, period, zone), t);
      case "members":
        return membersCsv(await salesByMember(db, cooperative.id, period, zone), t);
      case "categories":
        return categoriesCsv(await salesByCategory(db, cooperative.id, period, zone), t, locale);
      case "reconciliation":
        return reconciliationCsv(await reconcile(db, cooperative.id, period, zone), t);
      case "differences":
        return differencesCsv(await reconcile(db, cooperative.id, period, zone), t);
    }
  })();
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFileName(table, period)}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
