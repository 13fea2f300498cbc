import { createHash, timingSafeEqual } from "node:crypto";
import midtransClient from "midtrans-client";
import ApiConfig from "midtrans-client/lib/apiConfig.js";
import { z } from "zod";
import type { ObservedStatus, ProviderObservation, RefundAnswer, RefundInput, StartPaymentInput, StartedPayment } from "./provider";

/**
 * Midtrans (Snap) through the official `midtrans-client` SDK: Snap transactions to start a payment, the Core API's
 * status to re-check one. See DOMAIN.md, "Payments".
 */

export interface MidtransKeys {
  serverKey: string;
  clientKey: string;
  production: boolean;
}

/** A notification whose signature was checked. Only `order_id`, `status_code` and `gross_amount` are signed. */
export interface MidtransNotification {
  transaction_id: string;
  order_id: string;
  transaction_status: string;
  status_code: string;
  /** As sent, e.g. `"150000.00"`: always whole rupiah once verified. */
  gross_amount: string;
  signature_key: string;
  fraud_status?: string;
  payment_type?: string;
  transaction_time?: string;
  settlement_time?: string;
  currency?: string;
}

export type NotificationCheck =
  | { ok: true; notification: MidtransNotification }
  | { ok: false; error: "malformed" | "bad_signature" };

export type ConfirmResult =
  | { ok: true; observation: ProviderObservation }
  | { ok: false; error: "mismatch" | "not_found" };

export interface MidtransProvider {
  startPayment(input: StartPaymentInput): Promise<StartedPayment>;
  /** Pure and synchronous: parses the body (an object, or JSON text) and checks its signature. */
  verifyNotification(body: unknown): NotificationCheck;
  /** The inbox's id for a notification: the same notification sent again gets the same id. */
  eventId(notification: MidtransNotification): string;
  /** Asks Midtrans for the transaction's status; the notification's own status is never used. */
  confirm(notification: MidtransNotification): Promise<ConfirmResult>;
  /** The status of our reference; `null` when Midtrans has no such transaction (a Snap page never paid from). */
  status(reference: string): Promise<ProviderObservation | null>;
  /** A dynamic QRIS for the exact amount through the Core API (the outlet counter); it settles by notification. */
  chargeQris(input: QrisChargeInput): Promise<QrisCharge>;
  /**
   * `POST {core}/v2/{order_id}/refund` with `refund_key`, `amount` and `reason`. Works for cards, GoPay, QRIS and
   * a few others; Midtrans refuses others (virtual accounts: a bank transfer instead), answered as `failed`.
   */
  refund(input: RefundInput): Promise<RefundAnswer>;
}

export interface QrisChargeInput {
  reference: string;
  amount: number;
  items: StartPaymentInput["items"];
  expiresAt: Date;
}

export interface QrisCharge {
  transactionId: string;
  /** The QRIS payload: what the QR code encodes. */
  qrString: string;
  /** Midtrans's own image of the code (the `generate-qr-code` action), when it gave one. */
  qrImageUrl: string | null;
}

/** Midtrans refused a request, could not be reached, or answered something this adapter cannot read. */
export class MidtransApiError extends Error {
  constructor(
    message: string,
    /** The HTTP status Midtrans answered with; `null` when there was no usable answer. */
    readonly httpStatus: number | null,
    /** Midtrans's own messages (Snap's `error_messages`, the Core API's `status_message`). */
    readonly messages: readonly string[] = [],
  ) {
    super(message);
    this.name = "MidtransApiError";
  }
}

const MAX_ORDER_ID_LENGTH = 50;
const MAX_ITEM_FIELD_LENGTH = 50;
/** What Midtrans accepts in an order id; it also goes into the status URL's path unescaped by the SDK. */
const orderIdPattern = /^[A-Za-z0-9_.~-]+$/;
const JAKARTA_UTC_OFFSET_MS = 7 * 60 * 60 * 1000;

const sdkDefaultBaseUrls = {
  snap: { sandbox: ApiConfig.SNAP_SANDBOX_BASE_URL, production: ApiConfig.SNAP_PRODUCTION_BASE_URL },
  core: { sandbox: ApiConfig.CORE_SANDBOX_BASE_URL, production: ApiConfig.CORE_PRODUCTION_BASE_URL },
};

/**
 * Points every Snap and Core API call, sandbox and production alike, at other base URLs (a local fake in tests;
 * the app reads MIDTRANS_SNAP_URL and MIDTRANS_CORE_URL). They are the SDK's process-wide static fields.
 * `snap` includes the API's path, as the SDK's own does: `https://app.sandbox.midtrans.com/snap/v1`;
 * `core` is an origin: `https://api.sandbox.midtrans.com`.
 */
export function configureMidtransBaseUrls(urls: { snap: string; core: string }): void {
  const snap = baseUrl(urls.snap, "snap");
  const core = baseUrl(urls.core, "core");
  ApiConfig.SNAP_SANDBOX_BASE_URL = snap;
  ApiConfig.SNAP_PRODUCTION_BASE_URL = snap;
  ApiConfig.CORE_SANDBOX_BASE_URL = core;
  ApiConfig.CORE_PRODUCTION_BASE_URL = core;
}

/** Back to Midtrans's own sandbox and production URLs. */
export function resetMidtransBaseUrls(): void {
  ApiConfig.SNAP_SANDBOX_BASE_URL = sdkDefaultBaseUrls.snap.sandbox;
  ApiConfig.SNAP_PRODUCTION_BASE_URL = sdkDefaultBaseUrls.snap.production;
  ApiConfig.CORE_SANDBOX_BASE_URL = sdkDefaultBaseUrls.core.sandbox;
  ApiConfig.CORE_PRODUCTION_BASE_URL = sdkDefaultBaseUrls.core.production;
}

function baseUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`Midtrans ${name} base URL is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`Midtrans ${name} base URL must be http(s)`);
  return value.replace(/\/+$/, "");
}

/** One merchant account's Midtrans. `now` is the clock that Snap's expiry counts from (tests fix it). */
export function midtransProvider(keys: MidtransKeys, options: { now?: () => Date } = {}): MidtransProvider {
  if (!keys.serverKey || !keys.clientKey) throw new Error("Midtrans server key and client key are required");
  const sdkOptions = { isProduction: keys.production, serverKey: keys.serverKey, clientKey: keys.clientKey };
  const snap = new midtransClient.Snap(sdkOptions);
  const core = new midtransClient.CoreApi(sdkOptions);
  const now = options.now ?? (() => new Date());

  return {
    async startPayment(input) {
      const parameter = snapTransactionFor(input, now());
      const answer = snapAnswerSchema.safeParse(await callMidtrans("Snap transaction", () => snap.createTransaction(parameter)));
      if (!answer.success) throw new MidtransApiError("Snap transaction: unexpected answer from Midtrans", null);
      return { redirectUrl: answer.data.redirect_url, providerPaymentId: answer.data.token };
    },

    verifyNotification(body) {
      return verifyMidtransNotification(body, keys.serverKey);
    },

    // Only from signed fields: one genuine body with other unsigned fields must not make new inbox entries.
    eventId(notification) {
      return `${notification.order_id}:${notification.status_code}:${notification.gross_amount}`;
    },

    async confirm(notification) {
      // The SDK looks the payment up by the notification's transaction_id, which the signature does not cover.
      const answer = await lookUpTransaction("Status of a notification", () => core.transaction.notification(notification));
      if (!answer) return { ok: false, error: "not_found" };
      const sameTransaction =
        answer.transaction_id === notification.transaction_id &&
        answer.order_id === notification.order_id &&
        parseMidtransAmount(answer.gross_amount) === parseMidtransAmount(notification.gross_amount);
      if (!sameTransaction) return { ok: false, error: "mismatch" };
      return { ok: true, observation: observationFrom(answer) };
    },

    async chargeQris(input) {
      const parameter = qrisChargeFor(input, now());
      const answer = qrisAnswerSchema.safeParse(await callMidtrans("QRIS charge", () => core.charge(parameter)));
      if (!answer.success || answer.data.order_id !== input.reference) throw new MidtransApiError("QRIS charge: unexpected answer from Midtrans", null);
      const image = answer.data.actions?.find((action) => action.name === "generate-qr-code");
      return { transactionId: answer.data.transaction_id, qrString: answer.data.qr_string, qrImageUrl: image?.url ?? null };
    },

    async status(reference) {
      const answer = await lookUpTransaction("Transaction status", () => core.transaction.status(encodeURIComponent(reference)));
      if (!answer) return null;
      if (answer.order_id !== reference) throw new MidtransApiError("Transaction status: Midtrans answered for another order", null);
      return observationFrom(answer);
    },

    async refund(input) {
      if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new Error(`Refund amount must be whole rupiah above zero, not ${input.amount}`);
      const parameter = { refund_key: input.refundKey, amount: input.amount, reason: cut(input.reason || "refund", 255) };
      let answer: unknown;
      try {
        answer = await callMidtrans("Refund", () => core.transaction.refund(encodeURIComponent(input.reference), parameter));
      } catch (error) {
        // Midtrans said no (the method cannot be refunded, more than is left, an unknown transaction): final.
        if (error instanceof MidtransApiError && error.httpStatus !== null && error.httpStatus < 500) {
          return { status: "failed", providerRefundId: null, message: error.messages.join("; ") || error.message };
        }
        throw error;
      }
      const parsed = refundAnswerSchema.safeParse(answer);
      if (!parsed.success) throw new MidtransApiError("Refund: unexpected answer from Midtrans", null);
      const { status_code: code, refund_chargeback_id: id, refund_key: key } = parsed.data;
      if (key !== undefined && key !== input.refundKey) throw new MidtransApiError("Refund: Midtrans answered for another refund", null);
      return { status: code === "200" ? "succeeded" : "pending", providerRefundId: id === undefined || id === null ? null : String(id) };
    },
  };
}

/** `POST /v2/{order_id}/refund`'s answer (the fields Etalase reads): `status_code` "200" once the refund is done. */
const refundAnswerSchema = z.object({
  status_code: z.string(),
  refund_chargeback_id: z.union([z.number(), z.string()]).nullish(),
  refund_key: z.string().optional(),
  refund_amount: z.string().optional(),
});


/**
 * Midtrans's transaction status as ours. `capture` is a card payment: paid only once the fraud check accepted it.
 * `null` for statuses Snap payments do not reach here (`authorize`, chargebacks).
 */
export function mapMidtransStatus(transactionStatus: string, fraudStatus?: string | null): ObservedStatus | null {
  switch (transactionStatus) {
    case "settlement":
      return "paid";
    case "capture":
      if (fraudStatus === "accept") return "paid";
      return fraudStatus === "deny" ? "failed" : "held";
    case "pending":
      return "pending";
    case "deny":
    case "cancel":
    case "failure":
      return "failed";
    case "expire":
      return "expired";
    case "refund":
      return "refunded";
    case "partial_refund":
      return "partially_refunded";
    default:
      return null;
  }
}

/** `"150000.00"` -> 150000. `null` for anything that is not whole rupiah. */
export function parseMidtransAmount(value: string): number | null {
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(value);
  if (!match || (match[2] !== undefined && !/^0+$/.test(match[2]))) return null;
  return Number(match[1]);
}

/** The Snap transaction for a payment attempt, checked before anything is sent. */
export function snapTransactionFor(input: StartPaymentInput, now: Date): midtransClient.SnapTransactionParameter {
  if (input.reference.length > MAX_ORDER_ID_LENGTH || !orderIdPattern.test(input.reference)) {
    throw new Error(`Payment reference "${input.reference}" is not a valid Midtrans order id`);
  }
  return {
    transaction_details: { order_id: input.reference, gross_amount: input.amount },
    item_details: itemDetailsFor(input),
    customer_details: { first_name: input.customer.name, email: input.customer.email, phone: input.customer.phone },
    expiry: expiryFor(input.expiresAt, now),
    callbacks: { finish: input.finishUrl },
  };
}

/** The Core API's QRIS charge for a counter sale, checked like a Snap transaction before anything is sent. */
export function qrisChargeFor(input: QrisChargeInput, now: Date): midtransClient.CoreQrisChargeParameter {
  if (input.reference.length > MAX_ORDER_ID_LENGTH || !orderIdPattern.test(input.reference)) {
    throw new Error(`Payment reference "${input.reference}" is not a valid Midtrans order id`);
  }
  const { duration } = expiryFor(input.expiresAt, now);
  return {
    payment_type: "qris",
    transaction_details: { order_id: input.reference, gross_amount: input.amount },
    item_details: itemDetailsFor(input),
    custom_expiry: { expiry_duration: duration, unit: "minute" },
  };
}

function itemDetailsFor(input: Pick<StartPaymentInput, "amount" | "items">): NonNullable<midtransClient.SnapTransactionParameter["item_details"]> {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) {
    throw new Error(`Payment amount must be whole rupiah above zero, not ${input.amount}`);
  }
  for (const item of input.items) {
    if (!Number.isSafeInteger(item.unitPrice)) throw new Error(`Price of item "${item.id}" is not whole rupiah`);
    if (!Number.isSafeInteger(item.quantity) || item.quantity < 1) throw new Error(`Quantity of item "${item.id}" is not a positive whole number`);
  }
  const total = input.items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0);
  if (total !== input.amount) throw new Error(`Payment items add up to ${total}, not to the amount ${input.amount}`);
  return input.items.map((item) => ({
    id: cut(item.id, MAX_ITEM_FIELD_LENGTH),
    price: item.unitPrice,
    quantity: item.quantity,
    name: cut(item.name, MAX_ITEM_FIELD_LENGTH),
  }));
}

/** Whole minutes from now, rounded down, so Midtrans stops taking payment no later than we stop waiting for it. */
function expiryFor(expiresAt: Date, now: Date): NonNullable<midtransClient.SnapTransactionParameter["expiry"]> {
  const start = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const duration = Math.floor((expiresAt.getTime() - start.getTime()) / 60_000);
  if (duration < 1) throw new Error("Payment expires in less than a minute");
  return { start_time: formatMidtransTime(start), unit: "minute", duration };
}

/** `2026-11-23 14:05:00 +0700`: Western Indonesia Time, which has no daylight saving. */
export function formatMidtransTime(date: Date): string {
  const jakarta = new Date(date.getTime() + JAKARTA_UTC_OFFSET_MS).toISOString();
  return `${jakarta.slice(0, 10)} ${jakarta.slice(11, 19)} +0700`;
}

/** Midtrans writes its times (`2026-11-23 14:05:00`) in Jakarta time without an offset. */
export function parseMidtransTime(value: string | undefined): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(value ?? "");
  if (!match) return null;
  const date = new Date(`${match[1]}T${match[2]}+07:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Cuts by characters, not UTF-16 units, so an emoji is never split in half. */
function cut(text: string, maxLength: number): string {
  const characters = Array.from(text);
  return characters.length > maxLength ? characters.slice(0, maxLength).join("") : text;
}

const requiredText = z.string().min(1);
/** Midtrans leaves fields out, or sends them empty or null, depending on the payment method. */
const optionalText = z
  .string()
  .nullish()
  .transform((value) => value || undefined);

const transactionFields = z.object({
  // Not signed, and the SDK puts it into a URL path: only the characters Midtrans uses in ids.
  transaction_id: z.string().regex(/^[A-Za-z0-9_.~-]{1,100}$/),
  order_id: requiredText,
  transaction_status: requiredText,
  status_code: requiredText,
  gross_amount: requiredText,
  fraud_status: optionalText,
  payment_type: optionalText,
  transaction_time: optionalText,
  settlement_time: optionalText,
  currency: optionalText,
  /** After a refund: each refund Midtrans made, with the `refund_key` we sent. */
  refunds: z.array(z.object({ refund_key: z.string().nullish() })).nullish(),
});
type TransactionFields = z.infer<typeof transactionFields>;

const notificationSchema = transactionFields.extend({ signature_key: optionalText });
const qrisAnswerSchema = z.object({
  transaction_id: z.string().regex(/^[A-Za-z0-9_.~-]{1,100}$/),
  order_id: requiredText,
  qr_string: requiredText,
  actions: z.array(z.object({ name: z.string(), url: z.url({ protocol: /^https?$/ }) })).optional(),
});
const snapAnswerSchema = z.object({ token: requiredText, redirect_url: z.url({ protocol: /^https?$/ }) });

function verifyMidtransNotification(body: unknown, serverKey: string): NotificationCheck {
  const parsed = notificationSchema.safeParse(typeof body === "string" ? parseJson(body) : body);
  if (!parsed.success) return { ok: false, error: "malformed" };
  const { signature_key: signature, ...fields } = parsed.data;
  if (!signature || !sameText(signature, midtransSignature(fields, serverKey))) return { ok: false, error: "bad_signature" };
  // Checked after the signature, so a forged body is reported as forged whatever it holds.
  if (parseMidtransAmount(fields.gross_amount) === null) return { ok: false, error: "malformed" };
  return { ok: true, notification: { ...fields, signature_key: signature } };
}

/** sha512 hex of `order_id + status_code + gross_amount + server key`. */
export function midtransSignature(
  fields: { order_id: string; status_code: string; gross_amount: string },
  serverKey: string,
): string {
  return createHash("sha512").update(fields.order_id + fields.status_code + fields.gross_amount + serverKey).digest("hex");
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function observationFrom(answer: TransactionFields): ProviderObservation {
  const status = mapMidtransStatus(answer.transaction_status, answer.fraud_status);
  if (!status) throw new MidtransApiError(`Midtrans reported a status Etalase does not handle: ${answer.transaction_status}`, null);
  const amount = parseMidtransAmount(answer.gross_amount);
  if (amount === null) throw new MidtransApiError(`Midtrans reported an amount that is not whole rupiah: ${answer.gross_amount}`, null);
  return {
    reference: answer.order_id,
    status,
    amount,
    providerTransactionId: answer.transaction_id,
    method: answer.payment_type ?? null,
    occurredAt: parseMidtransTime(answer.settlement_time ?? answer.transaction_time),
    ...(answer.refunds ? { refundKeys: answer.refunds.flatMap((refund) => (refund.refund_key ? [refund.refund_key] : [])) } : {}),
  };
}

/** A status lookup: the transaction, or `null` when Midtrans does not know it. */
async function lookUpTransaction(what: string, call: () => Promise<unknown>): Promise<TransactionFields | null> {
  let answer: unknown;
  try {
    answer = await callMidtrans(what, call);
  } catch (error) {
    if (error instanceof MidtransApiError && error.httpStatus === 404) return null;
    throw error;
  }
  const parsed = transactionFields.safeParse(answer);
  if (!parsed.success) throw new MidtransApiError(`${what}: unexpected answer from Midtrans`, null);
  return parsed.data;
}

/**
 * Runs an SDK call and turns its failure into a MidtransApiError. The SDK's own error keeps the HTTP client's
 * request, server key included, so it is neither rethrown nor kept as the cause.
 */
async function callMidtrans(what: string, call: () => Promise<unknown>): Promise<unknown> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof midtransClient.MidtransError)) {
      throw new MidtransApiError(`${what}: ${error instanceof Error ? error.message : String(error)}`, null);
    }
    const httpStatus = Number(error.httpStatusCode) || null;
    const messages = midtransMessages(error.ApiResponse);
    const detail = httpStatus === null ? error.message : [`HTTP ${httpStatus}`, ...messages].join(": ");
    throw new MidtransApiError(`${what} failed: ${detail}`, httpStatus, messages);
  }
}

function midtransMessages(response: unknown): string[] {
  const parsed = z
    .object({ error_messages: z.array(z.string()).optional(), status_message: z.string().optional() })
    .safeParse(response);
  if (!parsed.success) return [];
  return parsed.data.error_messages ?? (parsed.data.status_message ? [parsed.data.status_message] : []);
}
