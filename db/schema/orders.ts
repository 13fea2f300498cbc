import { sql } from "drizzle-orm";
import {
  type PgTableExtraConfigValue,
  boolean,
  check,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { productVariants, products } from "./catalog";
import { cooperativeId, createdAt, id, rupiah, updatedAt } from "./columns";
import { users } from "./identity";
import { members } from "./membership";
import { cooperatives } from "./tenancy";

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

/**
 * A shopper's cart at one cooperative's shop. A guest's cart is found by the hash of the random token in its
 * cookie; a signed-in shopper's by their user id (a guest cart merges into it on sign-in).
 */
export const carts = pgTable(
  "carts",
  {
    id: id(),
    cooperativeId: cooperativeId().references(() => cooperatives.id, { onDelete: "cascade" }),
    /** SHA-256 of the cookie's token; null for a signed-in shopper's cart. */
    tokenHash: text(),
    userId: uuid().references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("carts_cooperative_id_id_key").on(t.cooperativeId, t.id),
    uniqueIndex("carts_token_hash_key").on(t.tokenHash),
    uniqueIndex("carts_cooperative_user_key").on(t.cooperativeId, t.userId),
    index("carts_updated_idx").on(t.updatedAt),
    index("carts_user_idx").on(t.userId),
    check("carts_owner", sql`(${t.tokenHash} is null) <> (${t.userId} is null)`),
  ],
);

export const cartItems = pgTable(
  "cart_items",
  {
    cooperativeId: cooperativeId(),
    cartId: uuid().notNull(),
    variantId: uuid().notNull(),
    quantity: integer().notNull(),
    addedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.cartId, t.variantId] }),
    foreignKey({ name: "cart_items_cart_fk", columns: [t.cooperativeId, t.cartId], foreignColumns: [carts.cooperativeId, carts.id] }).onDelete(
      "cascade",
    ),
    foreignKey({
      name: "cart_items_variant_fk",
      columns: [t.cooperativeId, t.variantId],
      foreignColumns: [productVariants.cooperativeId, productVariants.id],
    }).onDelete("cascade"),
    index("cart_items_variant_idx").on(t.cooperativeId, t.variantId),
    check("cart_items_quantity_range", sql`${t.quantity} between 1 and 999`),
  ],
);

/**
 * The cooperative's courier rates (DOMAIN.md: no courier API is reachable, so quotes come from its own table):
 * a price for the first kilogram and each one after, to a whole province or to one regency in it (the more
 * specific row wins).
 */
export const shippingRates = pgTable(
  "shipping_rates",
  {
    id: id(),
    cooperativeId: cooperativeId().references(() => cooperatives.id, { onDelete: "cascade" }),
    provinceCode: text().notNull(),
    /** Null: the whole province. */
    regencyCode: text(),
    firstKg: rupiah().notNull(),
    nextKg: rupiah().notNull(),
    etaDaysMin: integer().notNull().default(2),
    etaDaysMax: integer().notNull().default(4),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("shipping_rates_area_key").on(t.cooperativeId, t.provinceCode, t.regencyCode).nullsNotDistinct(),
    check("shipping_rates_prices", sql`${t.firstKg} >= 0 and ${t.nextKg} >= 0`),
    check("shipping_rates_eta", sql`${t.etaDaysMin} >= 0 and ${t.etaDaysMax} >= ${t.etaDaysMin}`),
  ],
);

/** The last order number given, per cooperative and year: `BNR-26-000123`. */
export const orderCounters = pgTable(
  "order_counters",
  {
    cooperativeId: cooperativeId().references(() => cooperatives.id, { onDelete: "cascade" }),
    year: integer().notNull(),
    last: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.year] })],
);

export const orderStatus = pgEnum("order_status", [
  "pending_payment",
  "paid",
  "processing",
  "shipped",
  "delivered",
  "completed",
  "cancelled",
  "expired",
  "refunded",
  "partially_refunded",
]);

export const deliveryMethod = pgEnum("delivery_method", ["courier", "local", "pickup"]);
/** Where the order was made: the online shop, or the cooperative's outlet counter (decision 33). */
export const orderChannel = pgEnum("order_channel", ["online", "outlet"]);
export const paymentProvider = pgEnum("payment_provider", ["midtrans", "stripe", "manual"]);

/** An order: the cooperative sells, so one order may hold lines from many member businesses. */
export const orders = pgTable(
  "orders",
  {
    id: id(),
    cooperativeId: cooperativeId().references(() => cooperatives.id, { onDelete: "cascade" }),
    number: text().notNull(),
    status: orderStatus().notNull().default("pending_payment"),
    channel: orderChannel().notNull().default("online"),
    /** The signed-in shopper, if any; a guest follows the private link. */
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    locale: text().notNull().default("id"),
    contactName: text().notNull(),
    email: text().notNull(),
    phone: text().notNull(),
    deliveryMethod: deliveryMethod().notNull(),
    /** Courier delivery: the official area codes, and their names as they were when ordered. */
    provinceCode: text(),
    regencyCode: text(),
    districtCode: text(),
    villageCode: text(),
    areaNames: jsonb().$type<{ province: string; regency: string; district: string; village: string }>(),
    postalCode: text(),
    street: text().notNull().default(""),
    /** Local delivery: the hotel or homestay. */
    placeName: text().notNull().default(""),
    note: text().notNull().default(""),
    subtotal: rupiah().notNull(),
    shipping: rupiah().notNull(),
    total: rupiah().notNull(),
    billableWeightKg: integer().notNull().default(0),
    paymentProvider: paymentProvider().notNull(),
    /** An unpaid order stops holding stock at this time. */
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    paidAt: timestamp({ withTimezone: true }),
    /** Set once, in the transaction that gives the reserved stock back. */
    stockReleasedAt: timestamp({ withTimezone: true }),
    /** Fulfilment steps, each set once (decision 31): the status says where the order stands, these say what happened. */
    packedAt: timestamp({ withTimezone: true }),
    shippedAt: timestamp({ withTimezone: true }),
    /** Delivered by courier or to the hotel, or picked up at the outlet. */
    deliveredAt: timestamp({ withTimezone: true }),
    completedAt: timestamp({ withTimezone: true }),
    courier: text().notNull().default(""),
    trackingNumber: text().notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("orders_cooperative_id_id_key").on(t.cooperativeId, t.id),
    uniqueIndex("orders_cooperative_number_key").on(t.cooperativeId, t.number),
    index("orders_status_idx").on(t.cooperativeId, t.status, t.createdAt),
    index("orders_expiry_idx").on(t.expiresAt).where(sql`${t.status} = 'pending_payment'`),
    index("orders_user_idx").on(t.cooperativeId, t.userId),
    // Removing a user sets their orders' user to null: found by the user alone.
    index("orders_user_id_idx").on(t.userId),
    index("orders_completion_idx").on(t.deliveredAt).where(sql`${t.completedAt} is null and ${t.deliveredAt} is not null`),
    check("orders_total", sql`${t.total} = ${t.subtotal} + ${t.shipping} and ${t.subtotal} > 0 and ${t.shipping} >= 0`),
  ],
);

/**
 * A private link to an order's page, for a shopper without an account: only the SHA-256 of its token is kept.
 * The browser that placed the order gets one; each e-mail about the order gets its own, made when it is sent,
 * so staff reading the outbox never see a working link.
 */
export const orderLinks = pgTable(
  "order_links",
  {
    tokenHash: text().primaryKey(),
    cooperativeId: cooperativeId(),
    orderId: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ name: "order_links_order_fk", columns: [t.cooperativeId, t.orderId], foreignColumns: [orders.cooperativeId, orders.id] }),
    index("order_links_order_idx").on(t.cooperativeId, t.orderId),
  ],
);

/** What was sold, as it was when sold: price, quantity, producer and fee rate never change afterwards. */
export const orderLines = pgTable(
  "order_lines",
  {
    id: id(),
    cooperativeId: cooperativeId(),
    orderId: uuid().notNull(),
    productId: uuid().notNull(),
    variantId: uuid().notNull(),
    memberId: uuid().notNull(),
    nameId: text().notNull(),
    nameEn: text().notNull(),
    variantName: text().notNull().default(""),
    sku: text().notNull(),
    unitPrice: rupiah().notNull(),
    quantity: integer().notNull(),
    lineTotal: rupiah().notNull(),
    feeRateBp: integer().notNull(),
    fee: rupiah().notNull(),
    memberShare: rupiah().notNull(),
    weightGrams: integer().notNull(),
    /** Hand-over: what the member brought to the outlet, counted by staff (null: not yet received). */
    receivedQuantity: integer(),
    /** Of what was received, how many were damaged: recorded, never silently dropped. */
    damagedQuantity: integer().notNull().default(0),
    handoverNote: text().notNull().default(""),
    receivedAt: timestamp({ withTimezone: true }),
    receivedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    /** When the line was completed (delivered or picked up and past returns): the member's hold period starts. */
    completedAt: timestamp({ withTimezone: true }),
  },
  (t): PgTableExtraConfigValue[] => [
    unique("order_lines_cooperative_id_id_key").on(t.cooperativeId, t.id),
    foreignKey({ name: "order_lines_order_fk", columns: [t.cooperativeId, t.orderId], foreignColumns: [orders.cooperativeId, orders.id] }),
    foreignKey({ name: "order_lines_member_fk", columns: [t.cooperativeId, t.memberId], foreignColumns: [members.cooperativeId, members.id] }),
    foreignKey({
      name: "order_lines_product_fk",
      columns: [t.cooperativeId, t.productId],
      foreignColumns: [products.cooperativeId, products.id],
    }),
    foreignKey({
      name: "order_lines_variant_fk",
      columns: [t.cooperativeId, t.variantId],
      foreignColumns: [productVariants.cooperativeId, productVariants.id],
    }),
    index("order_lines_order_idx").on(t.cooperativeId, t.orderId),
    index("order_lines_member_idx").on(t.cooperativeId, t.memberId),
    index("order_lines_product_idx").on(t.cooperativeId, t.productId),
    index("order_lines_variant_idx").on(t.cooperativeId, t.variantId),
    check("order_lines_amounts", sql`${t.quantity} > 0 and ${t.unitPrice} > 0 and ${t.lineTotal} = ${t.unitPrice} * ${t.quantity}`),
    check("order_lines_split", sql`${t.fee} >= 0 and ${t.memberShare} >= 0 and ${t.fee} + ${t.memberShare} = ${t.lineTotal}`),
    check("order_lines_fee_rate", sql`${t.feeRateBp} between 0 and 10000`),
    check(
      "order_lines_handover",
      sql`${t.damagedQuantity} >= 0 and (${t.receivedQuantity} is null or (${t.receivedQuantity} >= 0 and ${t.damagedQuantity} <= ${t.receivedQuantity}))`,
    ),
    index("order_lines_received_by_idx").on(t.receivedBy),
  ],
);

export const paymentStatus = pgEnum("payment_status", ["pending", "held", "paid", "failed", "expired"]);

/**
 * One attempt to pay an order. `reference` is what the provider knows it by (unique across the deployment,
 * since a provider's notification carries nothing else): the order number and the attempt.
 */
export const payments = pgTable(
  "payments",
  {
    id: id(),
    cooperativeId: cooperativeId(),
    orderId: uuid().notNull(),
    provider: paymentProvider().notNull(),
    reference: text().notNull(),
    status: paymentStatus().notNull().default("pending"),
    amount: rupiah().notNull(),
    /** A Snap token or a Checkout Session id. */
    providerPaymentId: text(),
    redirectUrl: text(),
    providerTransactionId: text(),
    method: text(),
    paidAt: timestamp({ withTimezone: true }),
    /**
     * Money that arrived but cannot simply count: `amount_mismatch` (the provider's amount is not the order's)
     * `paid_after_expiry` (the order had already released its stock) or `paid_twice` (another attempt paid it
     * first): staff refund or resolve it.
     */
    alert: text(),
    alertResolvedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("payments_cooperative_id_id_key").on(t.cooperativeId, t.id),
    uniqueIndex("payments_reference_key").on(t.reference),
    foreignKey({ name: "payments_order_fk", columns: [t.cooperativeId, t.orderId], foreignColumns: [orders.cooperativeId, orders.id] }),
    index("payments_order_idx").on(t.cooperativeId, t.orderId),
    index("payments_alert_idx").on(t.cooperativeId).where(sql`${t.alert} is not null and ${t.alertResolvedAt} is null`),
    check("payments_amount_positive", sql`${t.amount} > 0`),
  ],
);

export const proofDecision = pgEnum("proof_decision", ["confirmed", "rejected"]);

/**
 * A shopper's proof of a manual bank transfer. Kept in the database, not with the shop's public images: it
 * shows a person's bank details and only the treasurer may see it.
 */
export const paymentProofs = pgTable(
  "payment_proofs",
  {
    id: id(),
    cooperativeId: cooperativeId(),
    paymentId: uuid().notNull(),
    image: bytea().notNull(),
    mimeType: text().notNull(),
    senderName: text().notNull().default(""),
    senderBank: text().notNull().default(""),
    uploadedAt: createdAt(),
    decision: proofDecision(),
    decisionNote: text().notNull().default(""),
    decidedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    foreignKey({
      name: "payment_proofs_payment_fk",
      columns: [t.cooperativeId, t.paymentId],
      foreignColumns: [payments.cooperativeId, payments.id],
    }),
    index("payment_proofs_payment_idx").on(t.cooperativeId, t.paymentId),
    index("payment_proofs_undecided_idx").on(t.cooperativeId, t.uploadedAt).where(sql`${t.decision} is null`),
    index("payment_proofs_decided_by_idx").on(t.decidedBy),
  ],
);

/**
 * A cooperative's own account at a payment provider (it is the seller of record). Secrets are encrypted with
 * `SECRETS_KEY` (AES-256-GCM); only a masked hint is ever shown.
 */
export const providerAccounts = pgTable(
  "provider_accounts",
  {
    cooperativeId: cooperativeId().references(() => cooperatives.id, { onDelete: "cascade" }),
    provider: paymentProvider().notNull(),
    enabled: boolean().notNull().default(true),
    /** Values that are not secret: Midtrans's client key and environment. */
    settings: jsonb().$type<Record<string, string | boolean>>().notNull().default({}),
    secretCiphertext: text().notNull(),
    secretHint: text().notNull(),
    updatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.cooperativeId, t.provider] }),
    index("provider_accounts_updated_by_idx").on(t.updatedBy),
    check("provider_accounts_online", sql`${t.provider} <> 'manual'`),
  ],
);

/**
 * What happened to an order, for its timeline (staff and shopper): fulfilment steps, hand-over, cancellation,
 * refunds and return requests. Payments, proofs and provider messages have their own tables and join the timeline
 * from there. `data` holds plain facts (quantities, courier), never a secret.
 */
export const orderEvents = pgTable(
  "order_events",
  {
    id: id(),
    cooperativeId: cooperativeId(),
    orderId: uuid().notNull(),
    kind: text().notNull(),
    actorUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    data: jsonb().$type<Record<string, string | number | null>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ name: "order_events_order_fk", columns: [t.cooperativeId, t.orderId], foreignColumns: [orders.cooperativeId, orders.id] }),
    index("order_events_order_idx").on(t.cooperativeId, t.orderId, t.createdAt),
    index("order_events_actor_idx").on(t.actorUserId),
  ],
);

export const refundMethod = pgEnum("refund_method", ["midtrans", "stripe", "manual"]);
/**
 * `pending`: recorded, the provider not yet answered (or its answer said "later"); `awaiting_treasurer`: a bank
 * transfer a treasurer has to make and confirm; `succeeded` and `failed` are final.
 */
export const refundStatus = pgEnum("refund_status", ["pending", "awaiting_treasurer", "succeeded", "failed"]);

/**
 * Money given back: one row per refund, written before any provider is called (decision 31), settled from the
 * provider's answer or notification, or by a treasurer's confirmation for a bank transfer.
 */
export const refunds = pgTable(
  "refunds",
  {
    id: id(),
    cooperativeId: cooperativeId(),
    orderId: uuid().notNull(),
    /** The paid attempt the money goes back from. */
    paymentId: uuid().notNull(),
    method: refundMethod().notNull(),
    status: refundStatus().notNull(),
    /** Whole rupiah: the lines' amounts plus `shippingAmount`. */
    amount: rupiah().notNull(),
    shippingAmount: rupiah().notNull().default(0),
    reason: text().notNull().default(""),
    /** Sent to the provider as its idempotency key (Midtrans `refund_key`, Stripe `Idempotency-Key`). */
    refundKey: text().notNull(),
    providerRefundId: text(),
    /** Why the provider refused, in its words, for staff. */
    failure: text(),
    requestedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    confirmedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    /** The bank transfer's reference, as the treasurer typed it. */
    transferReference: text().notNull().default(""),
    createdAt: createdAt(),
    settledAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique("refunds_cooperative_id_id_key").on(t.cooperativeId, t.id),
    uniqueIndex("refunds_refund_key_key").on(t.refundKey),
    foreignKey({ name: "refunds_order_fk", columns: [t.cooperativeId, t.orderId], foreignColumns: [orders.cooperativeId, orders.id] }),
    foreignKey({ name: "refunds_payment_fk", columns: [t.cooperativeId, t.paymentId], foreignColumns: [payments.cooperativeId, payments.id] }),
    index("refunds_order_idx").on(t.cooperativeId, t.orderId),
    index("refunds_payment_idx").on(t.cooperativeId, t.paymentId),
    index("refunds_open_idx").on(t.cooperativeId, t.createdAt).where(sql`${t.status} in ('pending', 'awaiting_treasurer')`),
    index("refunds_requested_by_idx").on(t.requestedBy),
    index("refunds_confirmed_by_idx").on(t.confirmedBy),
    check("refunds_amounts", sql`${t.amount} > 0 and ${t.shippingAmount} >= 0 and ${t.shippingAmount} <= ${t.amount}`),
  ],
);

/** Which lines (and how many of each) a refund gives back, at the price they were sold for. */
export const refundLines = pgTable(
  "refund_lines",
  {
    cooperativeId: cooperativeId(),
    refundId: uuid().notNull(),
    orderLineId: uuid().notNull(),
    quantity: integer().notNull(),
    amount: rupiah().notNull(),
    /** Goods that came back sound and went back on sale (decision 38): set once, with the stock movement. */
    restockedAt: timestamp({ withTimezone: true }),
    restockedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    primaryKey({ columns: [t.refundId, t.orderLineId] }),
    foreignKey({ name: "refund_lines_refund_fk", columns: [t.cooperativeId, t.refundId], foreignColumns: [refunds.cooperativeId, refunds.id] }).onDelete("cascade"),
    foreignKey({ name: "refund_lines_line_fk", columns: [t.cooperativeId, t.orderLineId], foreignColumns: [orderLines.cooperativeId, orderLines.id] }),
    index("refund_lines_line_idx").on(t.cooperativeId, t.orderLineId),
    index("refund_lines_restocked_by_idx").on(t.restockedBy),
    check("refund_lines_amounts", sql`${t.quantity} > 0 and ${t.amount} > 0`),
  ],
);

export const returnStatus = pgEnum("return_status", ["requested", "accepted", "declined"]);
/** Why a shopper sends goods back (the list on the form; `reason` adds their own words). */
export const returnReason = pgEnum("return_reason", ["damaged", "wrong_item", "not_as_described", "missing_items", "other"]);

/**
 * A shopper's request to return goods, within the cooperative's return window after delivery or pickup, with a
 * reason and an optional photo (decision 37). Staff accept it (then refund through the refund form) or decline it
 * with a reason; the shopper sees the decision on the order page.
 */
export const returnRequests = pgTable(
  "return_requests",
  {
    id: id(),
    cooperativeId: cooperativeId(),
    orderId: uuid().notNull(),
    status: returnStatus().notNull().default("requested"),
    reasonCode: returnReason().notNull().default("other"),
    /** The shopper's own words. */
    reason: text().notNull(),
    /** Re-encoded like a transfer proof (no metadata); kept out of the public images. */
    photo: bytea(),
    mimeType: text(),
    /** Staff's words to the shopper (required when declining). */
    decisionNote: text().notNull().default(""),
    decidedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique("return_requests_cooperative_id_id_key").on(t.cooperativeId, t.id),
    foreignKey({ name: "return_requests_order_fk", columns: [t.cooperativeId, t.orderId], foreignColumns: [orders.cooperativeId, orders.id] }),
    index("return_requests_order_idx").on(t.cooperativeId, t.orderId),
    index("return_requests_decided_by_idx").on(t.decidedBy),
    check("return_requests_decision", sql`(${t.status} = 'requested') = (${t.decidedAt} is null)`),
  ],
);

/** Which lines, and how many of each, a return request asks to send back. */
export const returnRequestLines = pgTable(
  "return_request_lines",
  {
    cooperativeId: cooperativeId(),
    returnRequestId: uuid().notNull(),
    orderLineId: uuid().notNull(),
    quantity: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.returnRequestId, t.orderLineId] }),
    foreignKey({
      name: "return_request_lines_request_fk",
      columns: [t.cooperativeId, t.returnRequestId],
      foreignColumns: [returnRequests.cooperativeId, returnRequests.id],
    }).onDelete("cascade"),
    foreignKey({ name: "return_request_lines_line_fk", columns: [t.cooperativeId, t.orderLineId], foreignColumns: [orderLines.cooperativeId, orderLines.id] }),
    index("return_request_lines_line_idx").on(t.cooperativeId, t.orderLineId),
    check("return_request_lines_quantity", sql`${t.quantity} between 1 and 999`),
  ],
);
