import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormToken } from "~/components/forms/form-token";
import { Alert, SubmitButton, TextField } from "~/components/forms/field";
import { OrderTimeline } from "~/components/order-timeline";
import { StaffReturns } from "~/components/staff-returns";
import { cancelErrors, cancelOrder } from "~/flows/cancel-order.server";
import { advanceOrder, fulfilErrors, receiveLine } from "~/flows/fulfil-order.server";
import { orderDesk } from "~/flows/order-timeline.server";
import { paymentGateway } from "~/flows/payment-accounts.server";
import { confirmTransferRefund, recordRefundIntent, refundErrors, sendRefund } from "~/flows/refund.server";
import { restockErrors, restockRefundLine, restockRefundLineIn } from "~/flows/restock-refund.server";
import { formatDateTime } from "~/lib/dates";
import { newFormToken } from "~/lib/form-token.server";
import { notFound } from "~/lib/http.server";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { uuidPattern } from "~/lib/ids";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import { formatRupiah } from "~/lib/money";
import { pageMeta } from "~/lib/route-meta";
import { can, type Ability } from "~/modules/identity/access";
import { getOrder } from "~/modules/orders/orders.server";
import { getRefund } from "~/modules/orders/refunds.server";
import { checkCancel, checkStep, fulfilmentSteps, handoverShortfall } from "~/modules/orders/status";
import { paymentsOfOrder } from "~/modules/payments/payments.server";
import { invalid, parseForm, refused, submitFormOnce } from "~/web/forms.server";
import { decideReturnAnswer } from "~/web/return-decision.server";
import { requireAbility } from "~/web/guards.server";

const noStore = { "Cache-Control": "private, no-store" };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "orders.read");
  if (!params.id || !uuidPattern.test(params.id)) throw notFound();
  const [found, payments] = await Promise.all([getOrder(context.db, cooperative.id, params.id), paymentsOfOrder(context.db, cooperative.id, params.id)]);
  if (!found) throw notFound();
  const desk = await orderDesk(context.db, found.order);
  const { order } = found;
  const refundedOf = (lineId: string) =>
    desk.refunds.filter((refund) => refund.status !== "failed").flatMap((refund) => refund.lines).filter((line) => line.orderLineId === lineId).reduce((sum, line) => sum + line.quantity, 0);
  return data(
    {
      order,
      lines: found.lines.map((line) => ({ ...line, refundedQuantity: refundedOf(line.id) })),
      payments: payments.map(({ id, provider, reference, status, amount, method, alert, paidAt, createdAt }) => ({ id, provider, reference, status, amount, method, alert, paidAt, createdAt })),
      refunds: desk.refunds,
      returns: desk.returns,
      timeline: desk.timeline,
      steps: fulfilmentSteps.filter((step) => checkStep(order, step).ok),
      mayCancel: checkCancel(order).ok,
      shippingLeft: order.shipping - desk.refunds.filter((refund) => refund.status !== "failed").reduce((sum, refund) => sum + refund.shippingAmount, 0),
      may: {
        confirm: can(actor, "payments.confirm"),
        fulfil: can(actor, "orders.fulfil"),
        refund: can(actor, "orders.refund"),
        cancel: can(actor, "orders.cancel"),
        restock: can(actor, "orders.restock"),
      },
      formToken: newFormToken(),
      zone: timeZoneOfProvince(cooperative.province),
    },
    { headers: noStore },
  );
}

const handoverSchema = z.object({
  lineId: z.string().regex(uuidPattern, "error.badRequest.body"),
  received: z.coerce.number({ error: "fulfil.error.received" }).int("fulfil.error.received").min(0, "fulfil.error.received").max(999, "fulfil.error.received"),
  damaged: z.coerce.number({ error: "fulfil.error.received" }).int("fulfil.error.received").min(0, "fulfil.error.received").max(999, "fulfil.error.received").default(0),
  note: z.string().trim().max(300, "fulfil.error.note").default(""),
});
const stepSchema = z.object({
  step: z.enum(fulfilmentSteps, { error: "error.badRequest.body" }),
  courier: z.string().trim().max(40, "fulfil.error.tracking").default(""),
  trackingNumber: z.string().trim().max(60, "fulfil.error.tracking").default(""),
});
const cancelSchema = z.object({ reason: z.string().trim().min(3, "fulfil.error.reason").max(300, "fulfil.error.reason") });
const confirmSchema = z.object({
  refundId: z.string().regex(uuidPattern, "error.badRequest.body"),
  transferReference: z.string().trim().min(3, "fulfil.error.transferReference").max(80, "fulfil.error.transferReference"),
});
const quantity = z.coerce.number({ error: "order.refund.error.tooMany" }).int("order.refund.error.tooMany").min(0, "order.refund.error.tooMany").max(999, "order.refund.error.tooMany");
const refundSchema = z.object({
  shipping: z.coerce.number({ error: "order.refund.error.shipping" }).int("order.refund.error.shipping").min(0, "order.refund.error.shipping").default(0),
  reason: z.string().trim().min(3, "fulfil.error.reason").max(300, "fulfil.error.reason"),
  byTransfer: z.preprocess((value) => value === "on", z.boolean()),
});

/** Who may send each form (decision 38: fulfilment cancels unpaid orders; a paid one also needs `orders.refund`). */
const abilityOf = {
  handover: "orders.fulfil",
  step: "orders.fulfil",
  confirm_refund: "payments.confirm",
  cancel: "orders.cancel",
  restock: "orders.restock",
  refund: "orders.refund",
} as const satisfies Record<string, Ability>;
const restockSchema = z.object({
  refundId: z.string().regex(uuidPattern, "error.badRequest.body"),
  orderLineId: z.string().regex(uuidPattern, "error.badRequest.body"),
});

export async function action({ request, context, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const intent = formData.get("intent");
  const ability = abilityOf[typeof intent === "string" && intent in abilityOf ? (intent as keyof typeof abilityOf) : "refund"];
  const { cooperative, actor } = await requireAbility(request, context, ability);
  if (!params.id || !uuidPattern.test(params.id) || !(await getOrder(context.db, cooperative.id, params.id))) throw notFound();
  const orderId = params.id;
  const who = { cooperativeId: cooperative.id, actorUserId: actor.userId, ipAddress: context.clientIp };
  switch (intent) {
    case "handover": {
      const form = parseForm(handoverSchema, formData);
      if (!form.ok) return form.answer;
      const result = await receiveLine(context.db, { ...who, ...form.data });
      return result.ok ? { ok: true as const, message: "fulfil.saved.handover" } : refused(formData, fulfilErrors, result.error);
    }
    case "step": {
      const form = parseForm(stepSchema, formData);
      if (!form.ok) return form.answer;
      const result = await advanceOrder(context.db, { ...who, orderId, ...form.data });
      return result.ok ? { ok: true as const, message: `fulfil.saved.${form.data.step}` } : refused(formData, fulfilErrors, result.error);
    }
    case "cancel": {
      const form = parseForm(cancelSchema, formData);
      if (!form.ok) return form.answer;
      const result = await cancelOrder(context.db, paymentGateway(), { ...who, orderId, reason: form.data.reason, mayRefund: can(actor, "orders.refund") });
      return result.ok ? { ok: true as const, message: "fulfil.saved.cancelled" } : refused(formData, cancelErrors, result.error);
    }
    case "refund": {
      // A refund form sent twice (a double tap, a replay) records one refund.
      const key = { cooperativeId: cooperative.id, purpose: "order.refund", userId: actor.userId, subject: orderId };
      const sent = await submitFormOnce(context.db, key, formData, async (tx) => {
        const form = parseForm(refundSchema, formData);
        if (!form.ok) return { refused: form.answer };
        const lines: Record<string, number> = {};
        for (const [name, value] of formData) {
          if (!name.startsWith("qty:")) continue;
          const parsed = quantity.safeParse(value);
          if (!parsed.success) return { refused: invalid(formData, { form: "order.refund.error.tooMany" }) };
          lines[name.slice(4)] = parsed.data;
        }
        const recorded = await recordRefundIntent(tx, { ...who, orderId, lines, ...form.data });
        if (!recorded.ok) return { refused: refused(formData, refundErrors, recorded.error) };
        // Goods that came back sound go on sale again, once per refunded line (decision 38).
        for (const lineId of Object.keys(lines).filter((id) => lines[id]! > 0 && formData.get(`restock:${id}`) === "on")) {
          const restocked = await restockRefundLineIn(tx, { ...who, refundId: recorded.refund.id, orderLineId: lineId });
          if (!restocked.ok) return { refused: refused(formData, restockErrors, restocked.error) };
        }
        return { done: { refundId: recorded.refund.id } };
      });
      if (!sent.ok) return sent.answer;
      const recorded = sent.result && (await getRefund(context.db, cooperative.id, sent.result.refundId));
      if (recorded) await sendRefund(context.db, paymentGateway(), recorded);
      return { ok: true as const, message: "fulfil.saved.refund" };
    }
    case "restock": {
      const form = parseForm(restockSchema, formData);
      if (!form.ok) return form.answer;
      const result = await restockRefundLine(context.db, { ...who, ...form.data });
      return result.ok ? { ok: true as const, message: "fulfil.saved.restocked" } : refused(formData, restockErrors, result.error);
    }
    case "confirm_refund": {
      const form = parseForm(confirmSchema, formData);
      if (!form.ok) return form.answer;
      const result = await confirmTransferRefund(context.db, { ...who, ...form.data });
      return result.ok ? { ok: true as const, message: "fulfil.saved.refundConfirmed" } : refused(formData, refundErrors, result.error);
    }
    case "decide_return":
      return decideReturnAnswer(context.db, formData, { ...who, orderId });
    default:
      return invalid(formData, { form: "error.badRequest.body" }, 400);
  }
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t, data: loaded }) => ({ title: `${t("order.title", { number: loaded.order.number })} · ${root.cooperative.name}`, description: "", noindex: true }));

type ActionAnswer = { ok: true; message: string } | { ok: false; errors: Record<string, string | undefined> };

export default function AdminOrderPage() {
  const { order, lines, payments, refunds, returns, timeline, steps, mayCancel, shippingLeft, may, formToken, zone } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as ActionAnswer | undefined;
  const errors = answer && !answer.ok ? answer.errors : {};
  const { t, locale } = useI18n();
  const card = "rounded-2xl bg-white p-4 text-sm ring-1 ring-sand-200";
  const nameOf = (line: { nameId: string; nameEn: string; variantName: string }) => `${locale === "en" ? line.nameEn : line.nameId}${line.variantName ? ` (${line.variantName})` : ""}`;
  const unshipped = !order.shippedAt && !order.deliveredAt && order.paidAt !== null && ["paid", "processing", "partially_refunded"].includes(order.status);
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <Link to="/admin/orders" className="text-sm text-sea-700 underline">← {t("admin.nav.orders")}</Link>
        <h1 className="mt-2 text-2xl font-bold">{t("order.title", { number: order.number })}</h1>
        <p className="text-sm text-muted">
          <span data-testid="order-status">{t(`order.status.${order.status}` as MessageKey)}</span> · {formatDateTime(locale, order.createdAt, zone)}
        </p>
        <p className="mt-2 flex flex-wrap gap-3 text-sm">
          {(["slip", "label", "receipt"] as const).map((doc) => (
            <a key={doc} href={`/admin/orders/${order.id}/pdf?doc=${doc}`} className="font-semibold text-sea-700 underline" target="_blank" rel="noreferrer">
              {t(`fulfil.pdf.${doc}` as MessageKey)}
            </a>
          ))}
        </p>
      </div>

      {answer?.ok ? <Alert tone="success">{t(answer.message as MessageKey)}</Alert> : null}
      {errors.form ? <Alert tone="error">{t(errors.form as MessageKey)}</Alert> : null}

      <section className={card} aria-labelledby="lines-heading">
        <h2 id="lines-heading" className="text-lg font-semibold">{t("order.items")}</h2>
        <ul className="mt-3 divide-y divide-sand-200">
          {lines.map((line) => (
            <li key={line.id} className="space-y-2 py-3">
              <div className="flex justify-between gap-3">
                <span>
                  <span className="font-semibold">{line.quantity} × {nameOf(line)}</span>
                  <span className="block text-xs text-muted">{line.sku} · {t("admin.orders.fee")} {formatRupiah(line.fee)}</span>
                  {line.receivedAt ? (
                    <span className="block text-xs" data-testid="handover">
                      {t("fulfil.handover.recorded", { received: line.receivedQuantity ?? 0, damaged: line.damagedQuantity })}
                      {line.handoverNote ? ` · ${line.handoverNote}` : ""}
                      <Shortfall line={line} />
                    </span>
                  ) : null}
                  {line.refundedQuantity > 0 ? <span className="block text-xs text-clay-700">{t("fulfil.refunded", { quantity: line.refundedQuantity })}</span> : null}
                </span>
                <span className="shrink-0">{formatRupiah(line.lineTotal)}</span>
              </div>
              {may.fulfil && unshipped && !line.receivedAt ? (
                <Form method="post" className="grid grid-cols-2 items-end gap-2 sm:grid-cols-4" aria-label={t("fulfil.handover.title", { name: nameOf(line) })}>
                  <input type="hidden" name="lineId" value={line.id} />
                  <TextField name="received" label={t("fulfil.handover.received")} inputMode="numeric" defaultValue={String(line.quantity)} id={`received-${line.id}`} error={errors.received} />
                  <TextField name="damaged" label={t("fulfil.handover.damaged")} inputMode="numeric" defaultValue="0" id={`damaged-${line.id}`} />
                  <TextField name="note" label={t("fulfil.handover.note")} id={`note-${line.id}`} />
                  <SubmitButton intent="handover">{t("fulfil.handover.submit")}</SubmitButton>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        <p className="mt-3 text-right">
          {t("checkout.shipping")}: {formatRupiah(order.shipping)} · <strong>{t("checkout.total")}: {formatRupiah(order.total)}</strong>
        </p>
      </section>

      {may.fulfil && steps.length > 0 ? (
        <section className={card} aria-labelledby="steps-heading">
          <h2 id="steps-heading" className="text-lg font-semibold">{t("fulfil.steps.title")}</h2>
          <div className="mt-3 flex flex-wrap gap-2">
            {steps.filter((step) => step !== "shipped").map((step) => (
              <Form method="post" key={step}>
                <input type="hidden" name="step" value={step} />
                <SubmitButton intent="step" tone="quiet">{t(`fulfil.step.${step}` as MessageKey)}</SubmitButton>
              </Form>
            ))}
          </div>
          {steps.includes("shipped") ? (
            <Form method="post" className="mt-4 grid gap-3 sm:grid-cols-3 sm:items-end" noValidate>
              <input type="hidden" name="step" value="shipped" />
              <TextField name="courier" label={t("fulfil.courier")} list="couriers" required={order.deliveryMethod === "courier"} error={errors.courier} />
              <datalist id="couriers">
                {["JNE", "J&T", "SiCepat", "Pos Indonesia", "AnterAja"].map((courier) => <option key={courier} value={courier} />)}
              </datalist>
              <TextField name="trackingNumber" label={t("fulfil.trackingNumber")} required={order.deliveryMethod === "courier"} error={errors.trackingNumber} />
              <SubmitButton intent="step">{t("fulfil.step.shipped")}</SubmitButton>
            </Form>
          ) : null}
        </section>
      ) : null}

      {order.trackingNumber ? (
        <p className={card}>{t("order.tracking", { courier: order.courier, number: order.trackingNumber })}</p>
      ) : null}

      <section className={card} aria-labelledby="payments-heading">
        <h2 id="payments-heading" className="text-lg font-semibold">{t("checkout.payment")}</h2>
        <ul className="mt-2 space-y-2">
          {payments.map((payment) => (
            <li key={payment.id}>
              <span className="font-semibold">{payment.reference}</span> · {t(`checkout.provider.${payment.provider}` as MessageKey)} · {payment.status}
              {payment.method ? ` (${payment.method})` : ""} · {formatRupiah(payment.amount)}
              {payment.alert ? <span className="block text-clay-700">{t(`payments.alert.${payment.alert}` as MessageKey)}</span> : null}
            </li>
          ))}
        </ul>
        {may.confirm && payments.some((payment) => payment.provider === "manual" && payment.status === "pending") ? (
          <Link to="/admin/payments" className="mt-3 inline-block font-semibold text-sea-700 underline">{t("admin.orders.toPayments")}</Link>
        ) : null}
      </section>

      {refunds.length > 0 ? (
        <section className={card} aria-labelledby="refunds-heading">
          <h2 id="refunds-heading" className="text-lg font-semibold">{t("fulfil.refunds.title")}</h2>
          <ul className="mt-2 space-y-3">
            {refunds.map((refund) => (
              <li key={refund.id}>
                <span className="font-semibold">{formatRupiah(refund.amount)}</span> · {t(`fulfil.refund.method.${refund.method}` as MessageKey)} ·{" "}
                <span data-testid="refund-status">{t(`fulfil.refund.status.${refund.status}` as MessageKey)}</span>
                {refund.reason ? <span className="block text-muted">{refund.reason}</span> : null}
                {refund.failure ? <span className="block text-clay-700">{t("fulfil.refund.failure", { message: refund.failure })}</span> : null}
                <RefundLinesStock refund={refund} lines={lines} nameOf={nameOf} mayRestock={may.restock && !order.stockReleasedAt} />
                {may.confirm && refund.status === "awaiting_treasurer" ? (
                  <Form method="post" className="mt-2 grid gap-2 sm:grid-cols-2 sm:items-end">
                    <input type="hidden" name="refundId" value={refund.id} />
                    <TextField name="transferReference" label={t("fulfil.refund.transferReference")} id={`transfer-${refund.id}`} required error={errors.transferReference} />
                    <SubmitButton intent="confirm_refund">{t("fulfil.refund.confirm")}</SubmitButton>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {may.refund && order.paidAt ? (
        <section className={card} aria-labelledby="refund-heading">
          <h2 id="refund-heading" className="text-lg font-semibold">{t("fulfil.refund.title")}</h2>
          <Form method="post" className="mt-3 space-y-3" noValidate>
            <FormToken token={formToken} />
            {lines.map((line) => (
              <div key={line.id} className="space-y-1">
                <TextField
                  name={`qty:${line.id}`}
                  id={`refund-${line.id}`}
                  label={t("fulfil.refund.quantity", { name: nameOf(line), left: line.quantity - line.refundedQuantity })}
                  inputMode="numeric"
                  defaultValue="0"
                />
                {order.stockReleasedAt ? null : (
                  <label className="flex min-h-11 items-center gap-2">
                    <input type="checkbox" name={`restock:${line.id}`} className="size-5" /> {t("fulfil.restock.label", { name: nameOf(line) })}
                  </label>
                )}
              </div>
            ))}
            <TextField name="shipping" label={t("fulfil.refund.shipping", { left: formatRupiah(shippingLeft) })} inputMode="numeric" defaultValue="0" error={errors.shipping} />
            <TextField name="reason" label={t("fulfil.refund.reason")} required error={errors.reason} />
            <label className="flex items-center gap-2"><input type="checkbox" name="byTransfer" /> {t("fulfil.refund.byTransfer")}</label>
            <SubmitButton intent="refund">{t("fulfil.refund.submit")}</SubmitButton>
          </Form>
        </section>
      ) : null}

      {may.cancel && mayCancel ? (
        <section className={card} aria-labelledby="cancel-heading">
          <h2 id="cancel-heading" className="text-lg font-semibold">{t("fulfil.cancel.title")}</h2>
          {order.paidAt && !may.refund ? (
            <p className="text-muted">{t("fulfil.cancel.unpaidOnly")}</p>
          ) : (
            <>
              <p className="text-muted">{t(order.paidAt ? "fulfil.cancel.paidHint" : "fulfil.cancel.hint")}</p>
              <Form method="post" className="mt-3 space-y-3" noValidate>
                <TextField name="reason" id="cancel-reason" label={t("fulfil.refund.reason")} required error={errors.reason} />
                <SubmitButton intent="cancel" tone="danger">{t("fulfil.cancel.submit")}</SubmitButton>
              </Form>
            </>
          )}
        </section>
      ) : null}

      <StaffReturns orderId={order.id} returns={returns} lines={lines} refunds={refunds} mayDecide={may.refund} formToken={formToken} zone={zone} errors={errors} />

      <section className={card} aria-labelledby="delivery-heading">
        <h2 id="delivery-heading" className="text-lg font-semibold">{t("checkout.delivery")}</h2>
        <p className="mt-2 font-semibold">{t(`checkout.method.${order.deliveryMethod}` as MessageKey)}</p>
        {order.areaNames ? (
          <p>{[order.street, order.areaNames.village, order.areaNames.district, order.areaNames.regency, order.areaNames.province, order.postalCode].filter(Boolean).join(", ")}</p>
        ) : (
          <p>{[order.placeName, order.street].filter(Boolean).join(", ")}</p>
        )}
        <p className="mt-2">{order.contactName} · {order.phone} · {order.email}</p>
        {order.note ? <p className="mt-2">{t("checkout.field.note")}: {order.note}</p> : null}
      </section>

      <OrderTimeline
        entries={timeline}
        zone={zone}
        detail={(index) =>
          Object.entries(timeline[index]!.data)
            .filter(([name, value]) => value !== null && value !== "" && name !== "refundId")
            .map(([name, value]) => `${name}: ${name === "amount" ? formatRupiah(Number(value)) : String(value)}`)
            .join(" · ") || null
        }
      />
    </div>
  );
}

/** Short or damaged goods of a received line, marked so they are not missed. */
function Shortfall({ line }: { line: { quantity: number; receivedQuantity: number | null; damagedQuantity: number } }) {
  const { t } = useI18n();
  const { short, damaged } = handoverShortfall(line);
  if (short === 0 && damaged === 0) return null;
  return (
    <span className="ml-1 inline-flex flex-wrap gap-1" data-testid="shortfall">
      {short > 0 ? <span className="rounded bg-sand-100 px-1.5 font-semibold text-clay-700 ring-1 ring-clay-500">{t("fulfil.handover.short", { count: short })}</span> : null}
      {damaged > 0 ? <span className="rounded bg-sand-100 px-1.5 font-semibold text-clay-700 ring-1 ring-clay-500">{t("fulfil.handover.damagedCount", { count: damaged })}</span> : null}
    </span>
  );
}

/** Each refunded line of a refund: back in stock, or a button to put it back (once). */
function RefundLinesStock(props: {
  refund: { id: string; status: string; lines: { orderLineId: string; quantity: number; restockedAt: string | Date | null }[] };
  lines: { id: string; nameId: string; nameEn: string; variantName: string }[];
  nameOf: (line: { nameId: string; nameEn: string; variantName: string }) => string;
  mayRestock: boolean;
}) {
  const { t } = useI18n();
  if (props.refund.lines.length === 0) return null;
  return (
    <ul className="mt-1 space-y-1">
      {props.refund.lines.map((refunded) => {
        const line = props.lines.find((candidate) => candidate.id === refunded.orderLineId);
        const name = line ? props.nameOf(line) : "";
        return (
          <li key={refunded.orderLineId} className="flex flex-wrap items-center gap-2">
            <span>{t("fulfil.restock.line", { name, quantity: refunded.quantity })}</span>
            {refunded.restockedAt ? (
              <span className="text-muted" data-testid="restocked">{t("fulfil.restock.done", { quantity: refunded.quantity })}</span>
            ) : props.mayRestock && props.refund.status !== "failed" ? (
              <Form method="post">
                <input type="hidden" name="refundId" value={props.refund.id} />
                <input type="hidden" name="orderLineId" value={refunded.orderLineId} />
                <SubmitButton intent="restock" tone="quiet">{t("fulfil.restock.submit", { quantity: refunded.quantity })}</SubmitButton>
              </Form>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
