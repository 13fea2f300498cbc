import { randomUUID } from "node:crypto";
import type { Db } from "~db/client";
import { uuidPattern } from "~/lib/ids";
import type { Locale } from "~/lib/i18n/core";
import type { IndonesianTimeZone } from "~/lib/indonesia/time-zones";
import { allOrNothing, type Refused } from "~/lib/results";
import { recordAudit } from "~/modules/audit/audit.server";
import { buyableVariants } from "~/modules/catalog/shop/buyable.server";
import { releaseStock, reserveStock, type StockLeft } from "~/modules/inventory/reservations.server";
import { sellThroughGate, type StockGate } from "~/modules/inventory/stock-gate.server";
import { postPaymentCaptured } from "~/modules/ledger/post.server";
import { endUnpaidOrder, insertOrder, markOrderPaid, nextOrderNumber } from "~/modules/orders/orders.server";
import { businessDateOf, changeFor } from "~/modules/outlet/counter";
import type { OutletError } from "~/modules/outlet/errors";
import { completeOutletOrder, recordOutletSale, recordQrisCharge } from "~/modules/outlet/sales.server";
import { hasStaticQris } from "~/modules/outlet/settings.server";
import type { MidtransProvider } from "~/modules/payments/midtrans.server";
import { createPayment, movePayment, recordStartedPayment } from "~/modules/payments/payments.server";
import { snapshotLines } from "./place-order.server";

/** Most a counter line may hold, as in the cart. */
export const MAX_COUNTER_QUANTITY = 999;
/** A Midtrans QRIS shown at the counter is paid within minutes or not at all; its stock comes back after this. */
export const COUNTER_QRIS_MINUTES = 15;

export type CounterPayment = { method: "cash"; given: number } | { method: "qris_static" } | { method: "qris_midtrans"; midtrans: MidtransProvider | null };

export interface SellAtOutletInput {
  cooperativeId: string;
  staffUserId: string;
  locale: Locale;
  /** The cooperative's time zone: the day the sale counts for in a day's close. */
  zone: IndonesianTimeZone;
  items: { variantId: string; quantity: number }[];
  payment: CounterPayment;
  /** Runs inside the sale's transaction (a sent-once form keeps its answer there, so a resend never sells twice). */
  keep?: (tx: Db, sale: OutletSold) => Promise<void>;
  ipAddress?: string;
  now?: Date;
  /** The process's stock gate; tests give another to stand for a second app process. */
  gate?: StockGate;
}

export interface OutletSold {
  orderId: string;
  number: string;
  total: number;
  /** Cash to give back; null for QRIS. */
  change: number | null;
  /** `completed` when paid at once (cash, the static QRIS); `pending_payment` while a Midtrans QRIS waits. */
  status: "completed" | "pending_payment";
}

export type SellAtOutletResult = ({ ok: true } & OutletSold) | (Refused<OutletError> & { soldOut?: StockLeft[] });

/**
 * A sale at the outlet counter (decision 33): an order of channel `outlet`, made like an online order (prices and
 * fees read from the database, the same line snapshots, the same stock reservation through the same gate), so
 * stock, member shares and reports count it alike. Cash and the static QRIS are paid on the spot: the order is
 * paid and completed (handed over) in the same transaction. A Midtrans QRIS leaves it waiting for the
 * notification, which completes it through `apply-payment`. Audited as the staff member's action.
 */
export async function sellAtOutlet(db: Db, input: SellAtOutletInput): Promise<SellAtOutletResult> {
  const { cooperativeId } = input;
  const items = combine(input.items);
  if (items.length === 0) return { ok: false, error: "empty_sale" };
  if (items.some((item) => !uuidPattern.test(item.variantId) || !Number.isSafeInteger(item.quantity) || item.quantity < 1 || item.quantity > MAX_COUNTER_QUANTITY)) {
    return { ok: false, error: "bad_line" };
  }
  const variants = await buyableVariants(
    db,
    cooperativeId,
    items.map((item) => item.variantId),
  );
  const missing = items.filter((item) => !variants.has(item.variantId));
  if (missing.length > 0) return { ok: false, error: "sold_out", soldOut: missing.map((item) => ({ variantId: item.variantId, available: 0 })) };

  const lines = snapshotLines(items, variants, input.locale);
  const total = lines.reduce((sum, line) => sum + line.lineTotal, 0);
  const { payment } = input;
  let change: number | null = null;
  if (payment.method === "cash") {
    const counted = changeFor(total, payment.given);
    if (!counted.ok) return counted;
    change = counted.change;
  }
  if (payment.method === "qris_static" && !(await hasStaticQris(db, cooperativeId))) return { ok: false, error: "qris_unavailable" };
  if (payment.method === "qris_midtrans" && !payment.midtrans) return { ok: false, error: "qris_unavailable" };

  const now = input.now ?? new Date();
  const paidNow = payment.method !== "qris_midtrans";
  const orderId = randomUUID();
  let paymentId = "";
  const sold = await sellThroughGate(
    items,
    { of: (variantId) => variants.get(variantId)?.stock ?? 0, limit: (variantId) => variants.get(variantId)?.stock ?? 0 },
    () =>
      allOrNothing(db, async (tx) => {
        const reserved = await reserveStock(tx, cooperativeId, orderId, lines);
        if (!reserved.ok) return { ok: false as const, error: "sold_out" as const, soldOut: reserved.shortages };
        const number = await nextOrderNumber(tx, cooperativeId, now);
        await insertOrder(
          tx,
          {
            id: orderId,
            cooperativeId,
            number,
            channel: "outlet",
            userId: null,
            locale: input.locale,
            contactName: "Outlet",
            email: "",
            phone: "",
            deliveryMethod: "pickup",
            subtotal: total,
            shipping: 0,
            total,
            paymentProvider: paidNow ? "manual" : "midtrans",
            expiresAt: paidNow ? now : new Date(now.getTime() + COUNTER_QRIS_MINUTES * 60_000),
          },
          lines,
        );
        const attempt = await createPayment(tx, { cooperativeId, orderId, orderNumber: number, provider: paidNow ? "manual" : "midtrans", amount: total, firstAttempt: true });
        await recordOutletSale(tx, {
          cooperativeId,
          orderId,
          soldBy: input.staffUserId,
          businessDate: businessDateOf(now, input.zone),
          method: payment.method,
          cashGiven: payment.method === "cash" ? payment.given : null,
          change,
        });
        if (paidNow) {
          await movePayment(tx, attempt, "paid", { method: payment.method, paidAt: now });
          await markOrderPaid(tx, cooperativeId, orderId, now);
          // Counted like any sale: the cash or the static QRIS's money is held for the cooperative (decision 32).
          // Cash goes into the drawer's own account, so reconciliation sets it against the day's closes (decision 35).
          await postPaymentCaptured(tx, {
            cooperativeId,
            paymentId: attempt.id,
            orderId,
            provider: "manual",
            into: payment.method === "cash" ? "cash" : undefined,
            amount: total,
            paidAt: now,
          });
          await completeOutletOrder(tx, cooperativeId, orderId);
        }
        await recordAudit(tx, {
          cooperativeId,
          actorUserId: input.staffUserId,
          action: paidNow ? "outlet.sale" : "outlet.sale_awaiting_qris",
          entityType: "order",
          entityId: orderId,
          after: {
            number,
            total,
            method: payment.method,
            cashGiven: payment.method === "cash" ? payment.given : null,
            change,
            lines: lines.map((line) => ({ sku: line.sku, quantity: line.quantity, lineTotal: line.lineTotal })),
          },
          ipAddress: input.ipAddress,
        });
        const sale: OutletSold = { orderId, number, total, change, status: paidNow ? "completed" : "pending_payment" };
        await input.keep?.(tx, sale);
        paymentId = attempt.id;
        return { ok: true as const, ...sale, left: reserved.left };
      }),
    input.gate,
  );
  if (!sold.ok || payment.method !== "qris_midtrans") return sold;
  return startQris(db, input, payment.midtrans!, { ...sold, paymentId }, lines, now);
}

/** Asks Midtrans for the QRIS of a waiting sale; if it cannot, the sale is called off and its stock comes back. */
async function startQris(
  db: Db,
  input: SellAtOutletInput,
  midtrans: MidtransProvider,
  sold: OutletSold & { paymentId: string },
  lines: ReturnType<typeof snapshotLines>,
  now: Date,
): Promise<SellAtOutletResult> {
  const { cooperativeId } = input;
  try {
    const charge = await midtrans.chargeQris({
      reference: `${sold.number}-1`,
      amount: sold.total,
      items: lines.map((line) => ({ id: line.sku, name: input.locale === "en" ? line.nameEn : line.nameId, unitPrice: line.unitPrice, quantity: line.quantity })),
      expiresAt: new Date(now.getTime() + COUNTER_QRIS_MINUTES * 60_000),
    });
    await db.transaction(async (tx) => {
      await recordQrisCharge(tx, cooperativeId, sold.orderId, charge);
      await recordStartedPayment(tx, cooperativeId, sold.paymentId, { providerPaymentId: charge.transactionId, redirectUrl: charge.qrImageUrl ?? "" });
    });
    const { paymentId: _started, ...sale } = sold;
    return { ok: true, ...sale };
  } catch {
    await db.transaction(async (tx) => {
      if (await endUnpaidOrder(tx, cooperativeId, sold.orderId, "cancelled")) await releaseStock(tx, cooperativeId, sold.orderId, lines);
      await recordAudit(tx, {
        cooperativeId,
        actorUserId: input.staffUserId,
        action: "outlet.sale_cancelled",
        entityType: "order",
        entityId: sold.orderId,
        after: { number: sold.number, reason: "qris charge failed" },
        ipAddress: input.ipAddress,
      });
    });
    return { ok: false, error: "provider_failed" };
  }
}

function combine(items: readonly { variantId: string; quantity: number }[]): { variantId: string; quantity: number }[] {
  const totals = new Map<string, number>();
  for (const item of items) totals.set(item.variantId, (totals.get(item.variantId) ?? 0) + item.quantity);
  return [...totals].map(([variantId, quantity]) => ({ variantId, quantity }));
}
