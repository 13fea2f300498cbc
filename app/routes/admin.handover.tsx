import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { EmptyState } from "~/components/empty-state";
import { FormToken } from "~/components/forms/form-token";
import { Alert, SubmitButton, TextField } from "~/components/forms/field";
import { fulfilErrors, receiveDelivery, type ReceivedCount } from "~/flows/fulfil-order.server";
import { formatDateTime, startOfDay } from "~/lib/dates";
import { newFormToken } from "~/lib/form-token.server";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { uuidPattern } from "~/lib/ids";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import { pageMeta } from "~/lib/route-meta";
import { can } from "~/modules/identity/access";
import { fulfilmentDays, groupByBusiness, handoverSheet } from "~/modules/orders/fulfilment.server";
import { handoverShortfall } from "~/modules/orders/status";
import { businessDateOf } from "~/modules/outlet/counter";
import { invalid, submitFormOnce } from "~/web/forms.server";
import { requireAbility } from "~/web/guards.server";

const DAY_MS = 86_400_000;
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/** The day a link or the date field asks for, else today in the cooperative's zone. */
function dayOf(value: string | null, today: string): string {
  return value && dayPattern.test(value) && !Number.isNaN(Date.parse(value)) ? value : today;
}

/** The calendar day before or after (`2026-12-02` ± 1), as plain dates: no zone involved. */
function shiftDay(day: string, by: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + by * DAY_MS).toISOString().slice(0, 10);
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "orders.read");
  const zone = timeZoneOfProvince(cooperative.province);
  const day = dayOf(new URL(request.url).searchParams.get("day"), businessDateOf(new Date(), zone));
  const start = startOfDay(day, zone);
  const [lines, days] = await Promise.all([
    handoverSheet(context.db, cooperative.id, { start, end: new Date(start.getTime() + DAY_MS) }),
    fulfilmentDays(context.db, cooperative.id),
  ]);
  return data(
    {
      day,
      dayStart: start.toISOString(),
      businesses: groupByBusiness(lines),
      handoverDays: days.handoverDays,
      mayReceive: can(actor, "orders.fulfil"),
      formToken: newFormToken(),
      zone,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

const count = z.coerce.number({ error: "fulfil.error.received" }).int("fulfil.error.received").min(0, "fulfil.error.received").max(999, "fulfil.error.received");

/** A producer's whole delivery: every counted line of one business, sent once, all or nothing (decision 38). */
export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "orders.fulfil");
  const formData = await request.formData();
  const memberId = String(formData.get("memberId") ?? "");
  const lineIds = formData.getAll("lineId").map(String);
  if (!uuidPattern.test(memberId) || lineIds.length === 0 || lineIds.length > 200 || !lineIds.every((id) => uuidPattern.test(id))) {
    return invalid(formData, { form: "error.badRequest.body" }, 400);
  }
  const counts: ReceivedCount[] = [];
  for (const lineId of lineIds) {
    const received = count.safeParse(formData.get(`received:${lineId}`));
    const damaged = count.safeParse(formData.get(`damaged:${lineId}`) || "0");
    const note = String(formData.get(`note:${lineId}`) ?? "").trim();
    if (!received.success || !damaged.success) return invalid(formData, { [`received:${lineId}`]: "fulfil.error.received" });
    if (note.length > 300) return invalid(formData, { [`note:${lineId}`]: "fulfil.error.note" });
    counts.push({ lineId, received: received.data, damaged: damaged.data, note });
  }
  const key = { cooperativeId: cooperative.id, purpose: "orders.handover", userId: actor.userId, subject: memberId };
  const sent = await submitFormOnce(context.db, key, formData, async (tx) => {
    const result = await receiveDelivery(tx, { cooperativeId: cooperative.id, memberId, counts, actorUserId: actor.userId, ipAddress: context.clientIp });
    if (result.ok) return { done: { received: result.received } };
    const { status, message } = fulfilErrors[result.error];
    return { refused: invalid(formData, { [result.lineId ? `received:${result.lineId}` : "form"]: message, form: message }, status) };
  });
  if (!sent.ok) return sent.answer;
  return { ok: true as const, memberId, received: sent.result?.received ?? 0 };
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("fulfil.sheet.title")} · ${root.cooperative.name}`, description: "", noindex: true }));

type Answer = { ok: true; memberId: string; received: number } | { ok: false; errors: Record<string, string | undefined>; values?: Record<string, string> };

export default function HandoverSheetPage() {
  const { day, dayStart, businesses, handoverDays, mayReceive, formToken, zone } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as Answer | undefined;
  const errors = answer && !answer.ok ? answer.errors : {};
  const { t, locale } = useI18n();
  const dayLabel = new Intl.DateTimeFormat(locale === "id" ? "id-ID" : "en-GB", { dateStyle: "full", timeZone: zone.iana }).format(new Date(dayStart));
  const nameOf = (line: { nameId: string; nameEn: string; variantName: string }) => `${locale === "en" ? line.nameEn : line.nameId}${line.variantName ? ` (${line.variantName})` : ""}`;
  return (
    <article className="print-sheet max-w-3xl space-y-4" aria-labelledby="sheet-heading">
      <div className="space-y-1">
        <Link to="/admin/orders" className="text-sm text-sea-700 underline print:hidden">← {t("admin.nav.orders")}</Link>
        <h1 id="sheet-heading" className="text-2xl font-bold">{t("fulfil.sheet.title")}</h1>
        <p className="text-lg font-semibold" data-testid="sheet-day">{dayLabel}</p>
        <p className="text-sm text-muted">{t("fulfil.sheet.intro", { days: handoverDays })}</p>
      </div>
      <div className="flex flex-wrap items-end gap-3 print:hidden">
        <Form method="get" className="flex flex-wrap items-end gap-2">
          <label className="grid gap-1 text-sm font-semibold">
            {t("fulfil.sheet.day")}
            <input type="date" name="day" defaultValue={day} className="min-h-11 rounded-lg border border-sand-300 px-3 font-normal" />
          </label>
          <button type="submit" className="min-h-11 rounded-full bg-sea-700 px-5 font-semibold text-white">{t("fulfil.sheet.show")}</button>
        </Form>
        <Link to={`?day=${shiftDay(day, -1)}`} className="inline-flex min-h-11 items-center font-semibold text-sea-700 underline">{t("fulfil.sheet.previous")}</Link>
        <Link to={`?day=${shiftDay(day, 1)}`} className="inline-flex min-h-11 items-center font-semibold text-sea-700 underline">{t("fulfil.sheet.next")}</Link>
        <button type="button" onClick={() => window.print()} className="min-h-11 rounded-full px-5 font-semibold ring-1 ring-sand-300">{t("fulfil.sheet.print")}</button>
      </div>
      {answer?.ok ? <Alert tone="success">{t("fulfil.sheet.saved", { count: answer.received })}</Alert> : null}
      {errors.form ? <Alert tone="error">{t(errors.form as MessageKey)}</Alert> : null}
      {businesses.length === 0 ? <EmptyState title={t("fulfil.sheet.empty")} /> : null}
      {businesses.map((business) => {
        const open = business.lines.filter((line) => !line.receivedAt);
        return (
          <section key={business.memberId} aria-labelledby={`business-${business.memberId}`} className="rounded-2xl bg-white p-4 text-sm ring-1 ring-sand-200 print:break-inside-avoid print:p-0 print:ring-0">
            <h2 id={`business-${business.memberId}`} className="text-lg font-semibold">{business.businessName}</h2>
            <p className="text-muted">{t("fulfil.sheet.toBring", { count: business.toBring })}</p>
            <ul className="mt-2 divide-y divide-sand-200">
              {business.lines.map((line) => {
                const overdue = !line.receivedAt && new Date(line.dueAt) < new Date(dayStart);
                const { short, damaged } = handoverShortfall(line);
                return (
                  <li key={line.lineId} className="py-2" data-testid="sheet-line">
                    <span className="block font-semibold">{line.quantity} × {nameOf(line)}</span>
                    <span className="block text-xs text-muted">
                      {line.sku} · {t("fulfil.sheet.order")} {line.orderNumber} · {t("fulfil.sheet.due")} {formatDateTime(locale, line.dueAt, zone)}
                      {overdue ? <strong className="ml-1 text-clay-700">({t("fulfil.sheet.overdue")})</strong> : null}
                    </span>
                    <span className="block text-xs">
                      {t("fulfil.sheet.state")}:{" "}
                      {line.receivedAt ? t("fulfil.handover.recorded", { received: line.receivedQuantity ?? 0, damaged: line.damagedQuantity }) : t("fulfil.sheet.notYet")}
                      {line.handoverNote ? ` · ${line.handoverNote}` : ""}
                      {short > 0 ? <strong className="ml-1 text-clay-700">{t("fulfil.handover.short", { count: short })}</strong> : null}
                      {damaged > 0 ? <strong className="ml-1 text-clay-700">{t("fulfil.handover.damagedCount", { count: damaged })}</strong> : null}
                    </span>
                  </li>
                );
              })}
            </ul>
            {mayReceive && open.length > 0 ? (
              <Form method="post" className="mt-3 space-y-3 border-t border-sand-200 pt-3 print:hidden" noValidate aria-labelledby={`receive-${business.memberId}`}>
                <h3 id={`receive-${business.memberId}`} className="font-semibold">{t("fulfil.sheet.receiveTitle", { business: business.businessName })}</h3>
                <FormToken token={formToken} />
                <input type="hidden" name="memberId" value={business.memberId} />
                {open.map((line) => (
                  <fieldset key={line.lineId} className="grid grid-cols-2 gap-2 sm:grid-cols-4">
                    <legend className="col-span-full font-semibold">{line.quantity} × {nameOf(line)} · {line.orderNumber}</legend>
                    <input type="hidden" name="lineId" value={line.lineId} />
                    <TextField
                      name={`received:${line.lineId}`}
                      label={t("fulfil.handover.received")}
                      inputMode="numeric"
                      defaultValue={String(line.quantity)}
                      error={errors[`received:${line.lineId}`]}
                    />
                    <TextField
                      name={`damaged:${line.lineId}`}
                      label={t("fulfil.handover.damaged")}
                      inputMode="numeric"
                      defaultValue="0"
                    />
                    <div className="col-span-2">
                      <TextField
                        name={`note:${line.lineId}`}
                        label={t("fulfil.handover.note")}
                        error={errors[`note:${line.lineId}`]}
                      />
                    </div>
                  </fieldset>
                ))}
                <SubmitButton>{t("fulfil.sheet.receive", { business: business.businessName })}</SubmitButton>
              </Form>
            ) : null}
          </section>
        );
      })}
    </article>
  );
}
