import { createHash, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { closeNow, listenLocally } from "./local-server";

export interface FakeMidtransAccount {
  serverKey: string;
  clientKey: string;
  /** Where notifications are POSTed (the merchant's "Payment Notification URL" in the Midtrans dashboard). */
  notificationUrl?: string;
  merchantId?: string;
}

export interface FakeMidtransTransaction {
  readonly account: FakeMidtransAccount;
  readonly orderId: string;
  readonly transactionId: string;
  readonly token: string;
  /** The Snap request body, as received. */
  readonly request: Record<string, unknown>;
  grossAmount: number;
  /**
   * Midtrans's `transaction_status`; `null` until the shopper picks a way to pay on the Snap page: until then the
   * Core API does not know the transaction (its status answers 404), as with the real Midtrans.
   */
  status: string | null;
  fraudStatus: string | null;
  paymentType: string | null;
  transactionTime: Date | null;
  settlementTime: Date | null;
  expiryTime: Date | null;
  /** Refunds made (`POST /v2/{order_id}/refund`), as the status API lists them. */
  refunds: FakeMidtransRefund[];
}

export interface FakeMidtransRefund {
  refund_chargeback_id: number;
  refund_amount: string;
  created_at: string;
  reason: string;
  refund_key: string;
  refund_method: string;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  status: number;
  /** The Basic auth user name (the server key), when there was one. */
  serverKey: string | null;
  /** The JSON body, or the form fields of a payment page POST. */
  body: unknown;
}

export interface SentNotification {
  url: string;
  body: Record<string, string>;
  /** The receiver's HTTP status; `null` when it could not be reached. */
  status: number | null;
}

interface Reply {
  status: number;
  json?: unknown;
  html?: string;
  location?: string;
  /** What the request carried, for `requests`. */
  received?: unknown;
  serverKey?: string | null;
}

const SNAP_TRANSACTIONS_PATH = "/snap/v1/transactions";
const STATUS_PATH = /^\/v2\/([^/]+)\/status$/;
const CHARGE_PATH = "/v2/charge";
const REFUND_PATH = /^\/v2\/([^/]+)\/refund$/;
/** Payment types Midtrans's refund API takes; others (virtual accounts, convenience stores) are refunded by hand. */
const REFUNDABLE_TYPES = new Set(["credit_card", "gopay", "shopeepay", "qris", "dana", "ovo", "kredivo", "akulaku"]);
const PAYMENT_PAGE_PATH = /^\/snap\/v4\/redirection\/([^/]+)$/;
const MAX_ORDER_ID_LENGTH = 50;
const MAX_ITEM_FIELD_LENGTH = 50;
const JAKARTA_UTC_OFFSET_MS = 7 * 60 * 60 * 1000;
const EXPIRY_UNIT_MS: Record<string, number> = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };

const unauthorizedSnap = {
  error_messages: [
    "Access denied due to unauthorized transaction, please check client or server key",
    "Visit https://snap-docs.midtrans.com/#request-headers for more details",
  ],
};

/** The buttons of the hosted payment page and what each does to the transaction. */
const paymentChoices: Record<string, { label: string; status: string; paymentType: string | null }> = {
  qris: { label: "Pay with QRIS", status: "settlement", paymentType: "qris" },
  bank_transfer: { label: "Pay by virtual account (pending)", status: "pending", paymentType: "bank_transfer" },
  cancel: { label: "Cancel", status: "cancel", paymentType: null },
};

/**
 * A local stand-in for Midtrans: Snap (`POST /snap/v1/transactions`), the Core API's status
 * (`GET /v2/{order or transaction id}/status`), and a hosted payment page without JavaScript
 * (`/snap/v4/redirection/{token}`) that changes the transaction, POSTs a signed notification to the account's
 * notification URL and redirects the shopper to the transaction's `callbacks.finish`, as Midtrans does.
 */
export class FakeMidtrans {
  readonly transactions: FakeMidtransTransaction[] = [];
  /** Every request answered, refused ones included. */
  readonly requests: ReceivedRequest[] = [];
  readonly notifications: SentNotification[] = [];
  private readonly accounts: FakeMidtransAccount[];
  private readonly port: number;
  private server: http.Server | undefined;

  constructor(accounts: FakeMidtransAccount | FakeMidtransAccount[], options: { port?: number } = {}) {
    this.accounts = Array.isArray(accounts) ? accounts : [accounts];
    this.port = options.port ?? 0;
  }

  /** `http://127.0.0.1:PORT`: the Core API's base URL, and the origin of the payment pages. */
  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error("The fake Midtrans is not started");
    return `http://127.0.0.1:${address.port}`;
  }

  /** The SDK's Snap base URL (`SNAP_*_BASE_URL`), which includes the API's path. */
  get snapBaseUrl(): string {
    return `${this.url}/snap/v1`;
  }

  get coreBaseUrl(): string {
    return this.url;
  }

  async start(): Promise<void> {
    const server = http.createServer((request, response) => {
      this.handle(request)
        .catch((error: unknown): Reply => ({ status: 500, json: { status_code: "500", status_message: String(error) } }))
        .then((reply) => this.answer(request, response, reply));
    });
    await listenLocally(server, this.port);
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await closeNow(server);
  }

  /** The one transaction with this order id (throws when there is none, or one in each of two accounts). */
  transaction(orderId: string): FakeMidtransTransaction {
    const found = this.transactions.filter((transaction) => transaction.orderId === orderId);
    if (found.length !== 1) throw new Error(`The fake Midtrans has ${found.length} transactions with order id ${orderId}`);
    return found[0]!;
  }

  /** The shopper paid (QRIS unless told otherwise); `grossAmount` makes Midtrans report another amount. */
  settle(orderId: string, options: { paymentType?: string; grossAmount?: number } = {}): FakeMidtransTransaction {
    const transaction = this.transaction(orderId);
    const paymentType = options.paymentType ?? transaction.paymentType ?? "qris";
    this.change(transaction, { status: "settlement", fraudStatus: "accept", paymentType });
    if (options.grossAmount !== undefined) transaction.grossAmount = options.grossAmount;
    return transaction;
  }

  expire(orderId: string): FakeMidtransTransaction {
    return this.setStatus(orderId, "expire");
  }

  /** Any `transaction_status` (and `fraud_status`, kept unless given). Does not notify: see `sendNotification`. */
  setStatus(orderId: string, status: string, fraudStatus?: string | null): FakeMidtransTransaction {
    return this.change(this.transaction(orderId), { status, fraudStatus });
  }

  /**
   * The notification Midtrans would send now: the status API's fields, signed with the account's server key after
   * `overrides` are applied (unless they set `signature_key`). `signWith` signs with another key (a forgery), or
   * `null` leaves the signature out.
   */
  notificationFor(
    orderId: string,
    overrides: Record<string, string> = {},
    options: { signWith?: string | null } = {},
  ): Record<string, string> {
    const transaction = this.transaction(orderId);
    if (transaction.status === null) throw new Error(`Order ${orderId} has no payment yet: settle or setStatus it first`);
    const notification: Record<string, string> = {
      ...this.wireFields(transaction),
      status_message: "midtrans payment notification",
      ...overrides,
    };
    const { signature_key: _signature, ...fields } = notification;
    if (overrides.signature_key !== undefined) return { ...fields, signature_key: overrides.signature_key };
    const key = options.signWith === undefined ? transaction.account.serverKey : options.signWith;
    return key === null ? fields : { ...fields, signature_key: signatureOf(fields, key) };
  }

  /** POSTs a notification (the current, correctly signed one unless `body` is given) as Midtrans does. */
  async sendNotification(orderId: string, body?: Record<string, string>): Promise<SentNotification> {
    const transaction = this.transaction(orderId);
    const url = transaction.account.notificationUrl;
    if (!url) throw new Error("This fake Midtrans account has no notificationUrl");
    const notification = body ?? this.notificationFor(orderId);
    let status: number | null = null;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", "user-agent": "Veritrans" },
        body: JSON.stringify(notification),
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      status = null;
    }
    const sent = { url, body: notification, status };
    this.notifications.push(sent);
    return sent;
  }

  private answer(request: http.IncomingMessage, response: http.ServerResponse, reply: Reply) {
    this.requests.push({
      method: request.method ?? "",
      path: request.url ?? "",
      status: reply.status,
      serverKey: reply.serverKey ?? null,
      body: reply.received,
    });
    if (reply.location !== undefined) {
      response.writeHead(reply.status, { location: reply.location });
      response.end();
    } else if (reply.html !== undefined) {
      response.writeHead(reply.status, { "content-type": "text/html; charset=utf-8" });
      response.end(reply.html);
    } else {
      response.writeHead(reply.status, { "content-type": "application/json" });
      response.end(JSON.stringify(reply.json));
    }
  }

  private async handle(request: http.IncomingMessage): Promise<Reply> {
    const path = new URL(request.url ?? "/", "http://fake").pathname;
    const text = (await readBody(request)).toString("utf8");
    const serverKey = basicAuthUser(request);
    const account = this.accounts.find((candidate) => candidate.serverKey === serverKey);

    if (request.method === "POST" && path === SNAP_TRANSACTIONS_PATH) {
      const body = parseJson(text);
      const reply = account ? this.createSnapTransaction(account, body) : { status: 401, json: unauthorizedSnap };
      return { ...reply, received: body, serverKey };
    }
    if (request.method === "POST" && path === CHARGE_PATH) {
      const body = parseJson(text);
      const reply = account ? this.createQrisCharge(account, body) : unauthorizedCore();
      return { ...reply, received: body, serverKey };
    }
    const statusRoute = STATUS_PATH.exec(path);
    if (request.method === "GET" && statusRoute) {
      const reply = account ? this.statusOf(account, decodeURIComponent(statusRoute[1]!)) : unauthorizedCore();
      return { ...reply, serverKey };
    }
    const refundRoute = REFUND_PATH.exec(path);
    if (request.method === "POST" && refundRoute) {
      const body = parseJson(text);
      const reply = account ? this.refund(account, decodeURIComponent(refundRoute[1]!), body) : unauthorizedCore();
      return { ...reply, received: body, serverKey };
    }
    const pageRoute = PAYMENT_PAGE_PATH.exec(path);
    if (pageRoute && (request.method === "GET" || request.method === "POST")) {
      const transaction = this.transactions.find((candidate) => candidate.token === pageRoute[1]);
      if (!transaction) return { status: 404, html: page("Not found", "<p>Transaction not found.</p>") };
      if (request.method === "GET") return { status: 200, html: paymentPage(transaction) };
      const form = Object.fromEntries(new URLSearchParams(text));
      return { ...(await this.pay(transaction, form.choice ?? "")), received: form };
    }
    return { status: 404, json: { status_code: "404", status_message: "The requested resource is not found" } };
  }

  private createSnapTransaction(account: FakeMidtransAccount, body: unknown): Reply {
    if (!isRecord(body)) return { status: 400, json: { error_messages: ["There was a problem in the JSON you submitted"] } };
    const errors = snapRequestErrors(body);
    if (errors.length > 0) return { status: 400, json: { error_messages: errors } };
    const details = body.transaction_details as { order_id: string; gross_amount: number };
    const taken = this.transactions.some((other) => other.account === account && other.orderId === details.order_id);
    if (taken) return { status: 400, json: { error_messages: ["transaction_details.order_id sudah digunakan"] } };

    const token = randomUUID();
    this.transactions.push({
      account,
      orderId: details.order_id,
      transactionId: randomUUID(),
      token,
      request: body,
      grossAmount: details.gross_amount,
      status: null,
      fraudStatus: null,
      paymentType: null,
      transactionTime: null,
      settlementTime: null,
      expiryTime: expiryTimeOf(body.expiry),
      refunds: [],
    });
    return { status: 201, json: { token, redirect_url: `${this.url}/snap/v4/redirection/${token}` } };
  }

  /**
   * The Core API's charge, QRIS only (the outlet counter). Midtrans answers HTTP 200 with the outcome in the body's
   * `status_code` ("201": created and pending); the transaction exists at once, so its status is `pending`, and the
   * code to show is `qr_string` plus a `generate-qr-code` action with Midtrans's image of it.
   */
  private createQrisCharge(account: FakeMidtransAccount, body: unknown): Reply {
    const invalid = (messages: string[]): Reply => ({
      status: 400,
      json: { status_code: "400", status_message: "One or more parameters in the payload is invalid.", validation_messages: messages, id: randomUUID() },
    });
    if (!isRecord(body)) return invalid(["There was a problem in the JSON you submitted"]);
    if (body.payment_type !== "qris") return invalid(["payment_type is not supported by this fake: only qris"]);
    const { callbacks: _callbacks, expiry: _expiry, ...checked } = body;
    const errors = snapRequestErrors(checked);
    if (errors.length > 0) return invalid(errors);
    const details = body.transaction_details as { order_id: string; gross_amount: number };
    if (this.transactions.some((other) => other.account === account && other.orderId === details.order_id)) {
      return { status: 406, json: { status_code: "406", status_message: "The request could not be completed due to a conflict with the current state of the target resource, please try again", id: randomUUID() } };
    }
    const expiry = isRecord(body.custom_expiry) ? expiryTimeOf({ unit: body.custom_expiry.unit, duration: body.custom_expiry.expiry_duration }) : null;
    const transaction: FakeMidtransTransaction = {
      account,
      orderId: details.order_id,
      transactionId: randomUUID(),
      token: randomUUID(),
      request: body,
      grossAmount: details.gross_amount,
      status: "pending",
      fraudStatus: "accept",
      paymentType: "qris",
      transactionTime: new Date(),
      settlementTime: null,
      expiryTime: expiry ?? new Date(Date.now() + 15 * 60_000),
      refunds: [],
    };
    this.transactions.push(transaction);
    const fields = this.wireFields(transaction);
    return {
      status: 200,
      json: {
        status_code: "201",
        status_message: "QRIS transaction is created",
        transaction_id: fields.transaction_id,
        order_id: fields.order_id,
        merchant_id: fields.merchant_id,
        gross_amount: fields.gross_amount,
        currency: "IDR",
        payment_type: "qris",
        transaction_time: fields.transaction_time,
        transaction_status: "pending",
        fraud_status: "accept",
        actions: [{ name: "generate-qr-code", method: "GET", url: `${this.url}/v2/qris/${transaction.transactionId}/qr-code` }],
        qr_string: `00020101021226620014COM.GO-JEK.WWW011893600914${transaction.transactionId.replace(/-/g, "").slice(0, 20)}5204581253033605405${details.gross_amount}5802ID6304ABCD`,
        acquirer: "gopay",
        expiry_time: fields.expiry_time,
      },
    };
  }

  /** Midtrans looks a transaction up by order id or by transaction id, within the calling merchant's. */
  private statusOf(account: FakeMidtransAccount, id: string): Reply {
    const transaction = this.transactions.find(
      (candidate) => candidate.account === account && candidate.status !== null && (candidate.orderId === id || candidate.transactionId === id),
    );
    if (!transaction) return { status: 404, json: { status_code: "404", status_message: "Transaction doesn't exist.", id: randomUUID() } };
    const refunds = transaction.refunds.length > 0 ? { refund_amount: `${refundedOf(transaction)}.00`, refunds: transaction.refunds } : {};
    return { status: 200, json: { ...this.wireFields(transaction), ...refunds, status_message: "Success, transaction is found" } };
  }

  /**
   * `POST /v2/{order_id}/refund { refund_key, amount, reason }`, as Midtrans answers it: a settled payment of a
   * refundable type, at most what is left; the same `refund_key` again answers the first refund (no second one).
   */
  private refund(account: FakeMidtransAccount, id: string, body: unknown): Reply {
    const transaction = this.transactions.find(
      (candidate) => candidate.account === account && candidate.status !== null && (candidate.orderId === id || candidate.transactionId === id),
    );
    if (!transaction) return { status: 404, json: { status_code: "404", status_message: "Transaction doesn't exist.", id: randomUUID() } };
    const request = isRecord(body) ? body : {};
    const refundKey = typeof request.refund_key === "string" && request.refund_key !== "" ? request.refund_key : randomUUID();
    const earlier = transaction.refunds.find((refund) => refund.refund_key === refundKey);
    if (earlier) return { status: 200, json: this.refundAnswer(transaction, earlier) };
    const refundable = ["settlement", "partial_refund"].includes(transaction.status ?? "") || (transaction.status === "capture" && transaction.fraudStatus === "accept");
    if (!refundable || !REFUNDABLE_TYPES.has(transaction.paymentType ?? "")) {
      return { status: 412, json: { status_code: "412", status_message: "Merchant cannot modify the status of the transaction", id: randomUUID() } };
    }
    const left = transaction.grossAmount - refundedOf(transaction);
    const amount = request.amount === undefined ? left : request.amount;
    if (!Number.isSafeInteger(amount) || (amount as number) < 1) {
      return { status: 400, json: { status_code: "400", status_message: "One or more parameters in the payload is invalid.", validation_messages: ["amount must be a positive integer"] } };
    }
    if ((amount as number) > left) {
      return { status: 412, json: { status_code: "412", status_message: "Refund amount exceeds the remaining transaction amount", id: randomUUID() } };
    }
    const refund: FakeMidtransRefund = {
      refund_chargeback_id: 100_000 + this.transactions.reduce((sum, candidate) => sum + candidate.refunds.length, 0) + 1,
      refund_amount: `${amount as number}.00`,
      created_at: midtransTime(new Date()),
      reason: typeof request.reason === "string" ? request.reason : "",
      refund_key: refundKey,
      refund_method: "",
    };
    transaction.refunds.push(refund);
    transaction.status = refundedOf(transaction) >= transaction.grossAmount ? "refund" : "partial_refund";
    return { status: 200, json: this.refundAnswer(transaction, refund) };
  }

  private refundAnswer(transaction: FakeMidtransTransaction, refund: FakeMidtransRefund): Record<string, unknown> {
    return {
      status_code: "200",
      status_message: "Success, refund request is approved",
      transaction_id: transaction.transactionId,
      order_id: transaction.orderId,
      gross_amount: `${transaction.grossAmount}.00`,
      currency: "IDR",
      payment_type: transaction.paymentType,
      transaction_time: midtransTime(transaction.transactionTime ?? new Date()),
      transaction_status: transaction.status,
      refund_chargeback_id: refund.refund_chargeback_id,
      refund_amount: refund.refund_amount,
      refund_key: refund.refund_key,
    };
  }

  private async pay(transaction: FakeMidtransTransaction, choiceName: string): Promise<Reply> {
    const choice = paymentChoices[choiceName];
    if (!choice) return { status: 400, html: page("Bad request", "<p>Unknown choice.</p>") };
    if (!isPayable(transaction)) return { status: 409, html: paymentPage(transaction) };

    this.change(transaction, { status: choice.status, fraudStatus: choice.paymentType ? "accept" : undefined, paymentType: choice.paymentType ?? undefined });
    if (transaction.account.notificationUrl) await this.sendNotification(transaction.orderId);

    const finish = (transaction.request.callbacks as { finish?: string } | undefined)?.finish;
    if (!finish) return { status: 200, html: paymentPage(transaction) };
    const location = new URL(finish);
    location.searchParams.set("order_id", transaction.orderId);
    location.searchParams.set("status_code", statusCodeOf(transaction));
    location.searchParams.set("transaction_status", transaction.status!);
    return { status: 302, location: location.href };
  }

  private change(
    transaction: FakeMidtransTransaction,
    change: { status: string; fraudStatus?: string | null; paymentType?: string },
  ): FakeMidtransTransaction {
    const now = new Date();
    transaction.status = change.status;
    if (change.fraudStatus !== undefined) transaction.fraudStatus = change.fraudStatus;
    transaction.paymentType = change.paymentType ?? transaction.paymentType ?? "bank_transfer";
    transaction.transactionTime ??= now;
    const paid = change.status === "settlement" || (change.status === "capture" && transaction.fraudStatus === "accept");
    if (paid) transaction.settlementTime ??= now;
    return transaction;
  }

  /** The fields the status API answers and notifications carry, signed with the account's server key. */
  private wireFields(transaction: FakeMidtransTransaction): Record<string, string> {
    const fields: Record<string, string> = {
      status_code: statusCodeOf(transaction),
      transaction_id: transaction.transactionId,
      order_id: transaction.orderId,
      merchant_id: transaction.account.merchantId ?? "G000000001",
      gross_amount: `${transaction.grossAmount}.00`,
      currency: "IDR",
      payment_type: transaction.paymentType ?? "bank_transfer",
      transaction_time: midtransTime(transaction.transactionTime ?? new Date()),
      transaction_status: transaction.status ?? "pending",
    };
    if (transaction.fraudStatus) fields.fraud_status = transaction.fraudStatus;
    if (transaction.settlementTime) fields.settlement_time = midtransTime(transaction.settlementTime);
    if (transaction.expiryTime) fields.expiry_time = midtransTime(transaction.expiryTime);
    fields.signature_key = signatureOf(fields, transaction.account.serverKey);
    return fields;
  }
}

/** Midtrans's signature: sha512 hex of `order_id + status_code + gross_amount + server key`. */
export function signatureOf(fields: Record<string, string>, serverKey: string): string {
  return createHash("sha512")
    .update(`${fields.order_id ?? ""}${fields.status_code ?? ""}${fields.gross_amount ?? ""}${serverKey}`)
    .digest("hex");
}

/** `status_code` as Midtrans sets it: 200 done, 201 waiting (or a card held for review), 202 refused, 407 expired. */
function statusCodeOf(transaction: FakeMidtransTransaction): string {
  switch (transaction.status) {
    case "settlement":
    case "refund":
    case "partial_refund":
      return "200";
    case "capture":
      return transaction.fraudStatus === "challenge" ? "201" : "200";
    case "pending":
    case null:
      return "201";
    case "expire":
      return "407";
    default:
      return "202";
  }
}

function refundedOf(transaction: FakeMidtransTransaction): number {
  return transaction.refunds.reduce((sum, refund) => sum + Number(refund.refund_amount.replace(/\.00$/, "")), 0);
}

function isPayable(transaction: FakeMidtransTransaction): boolean {
  return transaction.status === null || transaction.status === "pending";
}

/** The checks Snap makes on `POST /transactions`, with its messages' shape. */
function snapRequestErrors(body: Record<string, unknown>): string[] {
  const details = body.transaction_details;
  if (!isRecord(details)) return ["transaction_details is required"];
  const errors: string[] = [];
  const orderId = details.order_id;
  if (typeof orderId !== "string" || orderId === "") errors.push("transaction_details.order_id is required");
  else if (orderId.length > MAX_ORDER_ID_LENGTH) errors.push(`transaction_details.order_id must be at most ${MAX_ORDER_ID_LENGTH} characters`);
  else if (!/^[A-Za-z0-9_.~-]+$/.test(orderId)) errors.push("transaction_details.order_id may only contain letters, digits, -, _, ~ and .");
  const grossAmount = details.gross_amount;
  if (!Number.isSafeInteger(grossAmount)) errors.push("transaction_details.gross_amount must be an integer");
  else if ((grossAmount as number) < 1) errors.push("transaction_details.gross_amount must be greater than or equal to 1");

  const items = body.item_details;
  if (items !== undefined) {
    if (!Array.isArray(items)) return [...errors, "item_details must be an array"];
    items.forEach((item, index) => errors.push(...itemErrors(item, index)));
    if (errors.length === 0) {
      const sum = (items as { price: number; quantity: number }[]).reduce((total, item) => total + item.price * item.quantity, 0);
      if (sum !== grossAmount) errors.push("transaction_details.gross_amount is not equal to the sum of item_details");
    }
  }
  if (body.expiry !== undefined && expiryTimeOf(body.expiry) === null) errors.push("expiry is invalid");
  const finish = isRecord(body.callbacks) ? body.callbacks.finish : undefined;
  if (finish !== undefined && (typeof finish !== "string" || !URL.canParse(finish))) errors.push("callbacks.finish must be a valid URL");
  return errors;
}

function itemErrors(item: unknown, index: number): string[] {
  const field = `item_details[${index}]`;
  if (!isRecord(item)) return [`${field} must be an object`];
  const errors: string[] = [];
  if (!Number.isSafeInteger(item.price)) errors.push(`${field}.price must be an integer`);
  if (!Number.isSafeInteger(item.quantity) || (item.quantity as number) < 1) errors.push(`${field}.quantity must be a positive integer`);
  if (typeof item.name !== "string" || item.name === "") errors.push(`${field}.name is required`);
  else if (Array.from(item.name).length > MAX_ITEM_FIELD_LENGTH) errors.push(`${field}.name must be at most ${MAX_ITEM_FIELD_LENGTH} characters`);
  if (item.id !== undefined && (typeof item.id !== "string" || Array.from(item.id).length > MAX_ITEM_FIELD_LENGTH)) {
    errors.push(`${field}.id must be a string of at most ${MAX_ITEM_FIELD_LENGTH} characters`);
  }
  return errors;
}

/** When a Snap `expiry` ends; `null` when it is malformed. Without `start_time` it counts from now. */
function expiryTimeOf(expiry: unknown): Date | null {
  if (!isRecord(expiry)) return null;
  const unit = typeof expiry.unit === "string" ? EXPIRY_UNIT_MS[expiry.unit.replace(/s$/, "")] : undefined;
  const duration = expiry.duration;
  if (!unit || !Number.isSafeInteger(duration) || (duration as number) < 1) return null;
  let start = new Date();
  if (expiry.start_time !== undefined) {
    const match = typeof expiry.start_time === "string" ? /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2})$/.exec(expiry.start_time) : null;
    if (!match) return null;
    start = new Date(`${match[1]}T${match[2]}${match[3]}:${match[4]}`);
    if (Number.isNaN(start.getTime())) return null;
  }
  return new Date(start.getTime() + (duration as number) * unit);
}

/** `2026-11-23 14:05:00`: Jakarta time without an offset, as Midtrans writes it. */
function midtransTime(date: Date): string {
  const jakarta = new Date(date.getTime() + JAKARTA_UTC_OFFSET_MS).toISOString();
  return `${jakarta.slice(0, 10)} ${jakarta.slice(11, 19)}`;
}

function unauthorizedCore(): Reply {
  return {
    status: 401,
    json: { status_code: "401", status_message: "Transaction cannot be authorized with the current client/server key.", id: randomUUID() },
  };
}

function paymentPage(transaction: FakeMidtransTransaction): string {
  const amount = `Rp${transaction.grossAmount.toLocaleString("id-ID")}`;
  const items = Array.isArray(transaction.request.item_details) ? (transaction.request.item_details as { name: string; quantity: number }[]) : [];
  const itemList = items.map((item) => `<li>${escapeHtml(item.name)} x ${item.quantity}</li>`).join("");
  const buttons = Object.entries(paymentChoices)
    .map(([value, choice]) => `<button type="submit" name="choice" value="${value}">${choice.label}</button>`)
    .join(" ");
  const body = isPayable(transaction)
    ? `<form method="post">${buttons}</form>`
    : `<p>Status: <strong>${escapeHtml(transaction.status ?? "")}</strong></p>`;
  return page(
    `Pay ${transaction.orderId}`,
    `<h1>Order ${escapeHtml(transaction.orderId)}</h1><p>Amount: <strong data-amount="${transaction.grossAmount}">${amount}</strong></p><ul>${itemList}</ul>${body}`,
  );
}

function page(title: string, content: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Fake Midtrans</title></head><body>${content}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** The user name of `Authorization: Basic base64(user:password)`, when the password is empty as Midtrans wants. */
function basicAuthUser(request: http.IncomingMessage): string | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(request.headers.authorization ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  if (separator === -1 || separator !== decoded.length - 1) return null;
  return decoded.slice(0, separator);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}
