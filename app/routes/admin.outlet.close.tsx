import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { EmptyState } from "~/components/empty-state";
import { Alert, SubmitButton, TextField } from "~/components/forms/field";
import { formatDateTime } from "~/lib/dates";
import { httpError } from "~/lib/http.server";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import { formatRupiah, parseRupiah } from "~/lib/money";
import { pageMeta } from "~/lib/route-meta";
import { can } from "~/modules/identity/access";
import { closeDay, closeOfDay, listCloses } from "~/modules/outlet/closes.server";
import { businessDateOf } from "~/modules/outlet/counter";
import { outletErrors } from "~/modules/outlet/errors";
import { cashTakenOn, salesOfDay } from "~/modules/outlet/sales.server";
import { invalid, parseForm, refused } from "~/web/forms.server";
import { requireStaff } from "~/web/guards.server";

const PAGE_SIZE = 30;
const privateHeaders = { "Cache-Control": "private, no-store" };

/** Sellers close their own day; managers and treasurers also see every past close. */
async function requireCloseAccess(request: Request, context: LoaderFunctionArgs["context"]) {
  const found = await requireStaff(request, context);
  const sells = can(found.actor, "outlet.sell");
  const reads = can(found.actor, "outlet.closes.read");
  if (!sells && !reads) throw httpError(403, "error.forbidden.body");
  return { ...found, sells, reads, zone: timeZoneOfProvince(found.cooperative.province) };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative, actor, sells, reads, zone } = await requireCloseAccess(request, context);
  const today = businessDateOf(new Date(), zone);
  const page = Math.max(1, Math.min(1000, Number(new URL(request.url).searchParams.get("page")) || 1));
  const [day, sales, closed, history] = await Promise.all([
    sells ? cashTakenOn(context.db, cooperative.id, actor.userId, today) : null,
    sells ? salesOfDay(context.db, cooperative.id, actor.userId, today) : [],
    sells ? closeOfDay(context.db, cooperative.id, actor.userId, today) : undefined,
    reads ? listCloses(context.db, cooperative.id, { page, pageSize: PAGE_SIZE }) : null,
  ]);
  return data({ today, day, sales, closed: closed ?? null, history, page, pageSize: PAGE_SIZE, zone }, { headers: privateHeaders });
}

const closeSchema = z.object({
  counted: z.string().trim().min(1, { error: "outlet.error.counted" }).max(30, { error: "outlet.error.counted" }),
  note: z.string().trim().max(300, { error: "outlet.error.note" }).default(""),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, actor, sells, zone } = await requireCloseAccess(request, context);
  if (!sells) throw httpError(403, "error.forbidden.body");
  const formData = await request.formData();
  const form = parseForm(closeSchema, formData);
  if (!form.ok) return form.answer;
  const counted = parseRupiah(form.data.counted);
  if (counted === null) return invalid(formData, { counted: "outlet.error.counted" });
  const closed = await closeDay(context.db, {
    cooperativeId: cooperative.id,
    staffUserId: actor.userId,
    businessDate: businessDateOf(new Date(), zone),
    counted,
    note: form.data.note,
    ipAddress: context.clientIp,
  });
  if (!closed.ok) return refused(formData, outletErrors, closed.error);
  return data({ ok: true as const });
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("outlet.close.title")} · ${root.cooperative.name}`, description: "", noindex: true }));

export default function OutletClose() {
  const { today, day, sales, closed, history, page, pageSize, zone } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const [counted, setCounted] = useState("");
  const [searchParams] = useSearchParams();
  const errors: Record<string, string | undefined> = answer && "errors" in answer ? (answer.errors as Record<string, string>) : {};
  const countedAmount = parseRupiah(counted);
  const dateLabel = new Intl.DateTimeFormat(locale === "id" ? "id-ID" : "en-GB", { dateStyle: "full", timeZone: "UTC" }).format(new Date(`${today}T00:00:00Z`));

  return (
    <div className="mx-auto max-w-xl space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("outlet.close.title")}</h1>
        {day ? <Link to="/admin/outlet" className="font-semibold text-sea-800 underline">{t("admin.nav.outlet")}</Link> : null}
      </div>

      {day ? (
        <section aria-labelledby="today-heading" className="space-y-3 rounded-2xl bg-white p-4 ring-1 ring-sand-200">
          <h2 id="today-heading" className="text-lg font-semibold">{dateLabel} ({zone.label})</h2>
          <p className="flex justify-between text-lg">
            <span>{t("outlet.close.cashSales", { n: day.salesCount })}</span>
            <strong data-testid="cash-sales">{formatRupiah(day.cashSales)}</strong>
          </p>
          {closed ? (
            <div className="space-y-1" role="status">
              <Alert tone={closed.difference === 0 ? "success" : "info"}>{t("outlet.close.done")}</Alert>
              <p className="flex justify-between"><span>{t("outlet.close.counted")}</span><span>{formatRupiah(closed.counted)}</span></p>
              <p className="flex justify-between font-semibold"><span>{t("outlet.close.difference")}</span><span data-testid="difference">{formatRupiah(closed.difference)}</span></p>
            </div>
          ) : (
            <Form method="post" className="space-y-3">
              {errors.form ? <Alert tone="error">{t(errors.form as MessageKey)}</Alert> : null}
              <TextField name="counted" label={t("outlet.close.counted")} inputMode="numeric" autoComplete="off" value={counted} onChange={(event) => setCounted(event.target.value)} error={errors.counted} />
              {countedAmount !== null ? (
                <p className="flex justify-between font-semibold" aria-live="polite"><span>{t("outlet.close.difference")}</span><span>{formatRupiah(countedAmount - day.cashSales)}</span></p>
              ) : null}
              <TextField name="note" label={t("outlet.close.note")} maxLength={300} error={errors.note} />
              <SubmitButton className="w-full">{t("outlet.close.submit")}</SubmitButton>
            </Form>
          )}
          {sales.length > 0 ? (
            <details>
              <summary className="cursor-pointer text-sm font-semibold">{t("outlet.close.sales", { n: sales.length })}</summary>
              <ul className="mt-2 divide-y divide-sand-200 text-sm">
                {sales.map((sale) => (
                  <li key={sale.orderId} className="flex justify-between py-1">
                    <Link to={`/admin/outlet/sales/${sale.orderId}`} className="underline">{sale.number}</Link>
                    <span>{t(`outlet.paidWith.${sale.method}` as MessageKey)} · {formatRupiah(sale.total)}</span>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ) : null}

      {history ? (
        <section aria-labelledby="history-heading" className="space-y-3">
          <h2 id="history-heading" className="text-lg font-semibold">{t("outlet.close.history")}</h2>
          {history.closes.length === 0 ? (
            <EmptyState title={t("outlet.close.historyEmpty")} />
          ) : (
            <ul className="divide-y divide-sand-200 rounded-2xl bg-white ring-1 ring-sand-200">
              {history.closes.map((close) => (
                <li key={close.id} className="space-y-1 p-4 text-sm">
                  <p className="font-semibold">{close.businessDate} · {close.staffName ?? "–"}</p>
                  <p>
                    {t("outlet.close.cashSales", { n: close.salesCount })} {formatRupiah(close.cashSales)} · {t("outlet.close.counted")} {formatRupiah(close.counted)} ·{" "}
                    <strong className={close.difference === 0 ? "" : "text-clay-700"}>{t("outlet.close.difference")} {formatRupiah(close.difference)}</strong>
                  </p>
                  {close.note ? <p className="text-muted">{close.note}</p> : null}
                  <p className="text-xs text-muted">{formatDateTime(locale, close.createdAt, zone)}</p>
                </li>
              ))}
            </ul>
          )}
          {history.total > pageSize ? (
            <nav aria-label={t("outlet.close.pages")} className="flex justify-between">
              {page > 1 ? <Link to={`?${pageQuery(searchParams, page - 1)}`} className="underline">{t("outlet.close.newer")}</Link> : <span />}
              {page * pageSize < history.total ? <Link to={`?${pageQuery(searchParams, page + 1)}`} className="underline">{t("outlet.close.older")}</Link> : null}
            </nav>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

function pageQuery(params: URLSearchParams, page: number): string {
  const next = new URLSearchParams(params);
  next.set("page", String(page));
  return next.toString();
}
