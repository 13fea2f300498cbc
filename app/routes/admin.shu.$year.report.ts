import type { LoaderFunctionArgs } from "@remix-run/node";
import { shuYearReport } from "~/flows/shu.server";
import { formatDateTime } from "~/lib/dates";
import { httpError, notFound } from "~/lib/http.server";
import { resolveLocale, translatorFor } from "~/lib/i18n/locale.server";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import { shuCsv, shuPdf } from "~/modules/shu/files.server";
import { requireAbility } from "~/web/guards.server";

/** A year's SHU report as PDF or CSV, in the reader's language: the same figures as the page. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "shu.read");
  if (!params.year || !/^\d{4}$/.test(params.year)) throw notFound();
  const format = new URL(request.url).searchParams.get("format");
  const found = await shuYearReport(context.db, cooperative, Number(params.year));
  if (!found) throw notFound();
  if (format !== "pdf" && format !== "csv") throw httpError(400, "error.badRequest.body");
  const locale = resolveLocale(request);
  const t = translatorFor(locale);
  const zone = timeZoneOfProvince(cooperative.province);
  const { year, report } = found;
  const header = {
    cooperativeName: cooperative.name,
    year: year.year,
    locale,
    t,
    finalised: year.finalisedAt ? t("shu.locked.body", { when: formatDateTime(locale, year.finalisedAt, zone), who: year.finalisedByName ?? "—" }) : null,
  };
  const filename = `shu-${year.year}.${format}`;
  const headers = {
    "Content-Disposition": `attachment; filename="${filename}"`,
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (format === "csv") return new Response(`\ufeff${shuCsv(report, found.members, header)}`, { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
  const pdf = await shuPdf(report, found.members, header);
  return new Response(new Uint8Array(pdf), { headers: { ...headers, "Content-Type": "application/pdf" } });
}
