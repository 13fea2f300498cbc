import type { LoaderFunctionArgs } from "@remix-run/node";
import { httpError, notFound } from "~/lib/http.server";
import { resolveLocale, translatorFor } from "~/lib/i18n/locale.server";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import { memberStatement } from "~/modules/ledger/balances.server";
import { isMonth } from "~/modules/ledger/months";
import { statementCsv, statementPdf } from "~/modules/ledger/statement-files.server";
import { getMemberHeader } from "~/modules/membership/members.server";
import { requireMemberUser } from "~/web/guards.server";

/** The member's monthly statement as PDF or CSV: always their own business, from the session. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative, member } = await requireMemberUser(request, context);
  const params = new URL(request.url).searchParams;
  const month = params.get("month") ?? "";
  const format = params.get("format");
  if (!isMonth(month) || (format !== "pdf" && format !== "csv")) throw httpError(400, "money.statement.badMonth");
  const business = await getMemberHeader(context.db, cooperative.id, member.memberId);
  if (!business) throw notFound();
  const zone = timeZoneOfProvince(cooperative.province);
  const locale = resolveLocale(request);
  const statement = await memberStatement(context.db, cooperative.id, member.memberId, month, zone);
  const header = { cooperativeName: cooperative.name, businessName: business.businessName, memberNumber: business.memberNumber, locale, zone, t: translatorFor(locale) };
  const filename = `laporan-${business.memberNumber}-${month}.${format}`.replace(/[^A-Za-z0-9.-]/g, "-");
  const headers = {
    "Content-Disposition": `attachment; filename="${filename}"`,
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (format === "csv") return new Response(`\ufeff${statementCsv(statement, header)}`, { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
  const pdf = await statementPdf(statement, header);
  return new Response(new Uint8Array(pdf), { headers: { ...headers, "Content-Type": "application/pdf" } });
}
