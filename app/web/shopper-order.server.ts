import { data, redirect, type AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import type { Db } from "~db/client";
import { payableAttempt, proofErrors, submitTransferProof, type OrderPage } from "~/flows/order-page.server";
import { orderTimeline } from "~/flows/order-timeline.server";
import { paymentGateway } from "~/flows/payment-accounts.server";
import { requestReturn, returnOffer } from "~/flows/request-return.server";
import { newFormToken } from "~/lib/form-token.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { secretLinkPageHeaders } from "~/lib/http.server";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import { returnErrors, returnReasons, RETURN_NOTE_MAX } from "~/modules/orders/returns";
import type { Cooperative } from "~/modules/tenancy/cooperative.server";
import { parseForm, refused, submitFormOnce } from "~/web/forms.server";
import { checkImage, fileBytes, mediaErrors, privateImage, readMultipartForm } from "~/web/upload.server";

/** What the shopper's order page shows, the same by private link and in the account. */
export async function shopperOrderData(db: Db, cooperative: Cooperative, page: OrderPage) {
  const { order, lines, payment, proofs } = page;
  const [timeline, offer] = await Promise.all([orderTimeline(db, order, "shopper"), returnOffer(db, order)]);
  const nameOf = new Map(lines.map((line) => [line.id, { nameId: line.nameId, nameEn: line.nameEn, variantName: line.variantName }]));
  const returnable = offer.lines.filter((line) => line.quantity > line.takenQuantity);
  return {
    order: {
      number: order.number,
      status: order.status,
      contactName: order.contactName,
      email: order.email,
      phone: order.phone,
      deliveryMethod: order.deliveryMethod,
      areaNames: order.areaNames,
      postalCode: order.postalCode,
      street: order.street,
      placeName: order.placeName,
      note: order.note,
      subtotal: order.subtotal,
      shipping: order.shipping,
      total: order.total,
      expiresAt: order.expiresAt.toISOString(),
      createdAt: order.createdAt.toISOString(),
      locale: order.locale,
      courier: order.courier,
      trackingNumber: order.trackingNumber,
      paid: order.paidAt !== null,
    },
    timeline: timeline.map(({ at, kind }) => ({ at, kind })),
    lines: lines.map((line) => ({ id: line.id, nameId: line.nameId, nameEn: line.nameEn, variantName: line.variantName, quantity: line.quantity, lineTotal: line.lineTotal })),
    payment: payment ? { provider: payment.provider, status: payment.status, alert: payment.alert, method: payment.method } : null,
    proofs: proofs.map((proof) => ({ id: proof.id, uploadedAt: proof.uploadedAt.toISOString(), decision: proof.decision })),
    bank: { name: cooperative.bankName, number: cooperative.bankAccountNumber, holder: cooperative.bankAccountHolder },
    zone: timeZoneOfProvince(cooperative.province),
    outlet: cooperative.address,
    returns: offer.requests.map((request) => ({
      id: request.id,
      status: request.status,
      reasonCode: request.reasonCode,
      reason: request.reason,
      hasPhoto: request.hasPhoto,
      decisionNote: request.decisionNote,
      createdAt: request.createdAt.toISOString(),
      lines: request.lines.map((line) => ({ ...nameOf.get(line.orderLineId)!, quantity: line.quantity })),
    })),
    /** The return form: open while the window is and something is left to return. */
    returnForm:
      offer.window.ok && returnable.length > 0
        ? { until: offer.window.until.toISOString(), lines: returnable.map((line) => ({ id: line.id, ...nameOf.get(line.id)!, left: line.quantity - line.takenQuantity })) }
        : null,
    returnDays: offer.days,
    formToken: newFormToken(),
  };
}

const proofSchema = z.object({
  senderName: z.string().trim().min(2, { error: "order.proof.error.senderName" }).max(120, { error: "order.proof.error.senderName" }),
  senderBank: z.string().trim().max(60, { error: "order.proof.error.senderBank" }).default(""),
});

const returnSchema = z.object({
  reasonCode: z.enum(returnReasons, { error: "order.return.error.reasonCode" }),
  reason: z.string().trim().max(RETURN_NOTE_MAX, { error: "order.return.error.reasonLong" }).default(""),
});
const returnQuantity = z.coerce.number().int().min(0).max(999);

type Errors = Record<string, string>;
const answer = (status: number, errors: Errors) => data({ ok: false as const, errors }, { status, headers: secretLinkPageHeaders });
const done = (message: "order.proof.received" | "order.return.sent") => data({ ok: true as const, message, errors: {} as Errors }, { headers: secretLinkPageHeaders });

/**
 * The shopper's order page's posts: pay again (a plain form), a transfer proof or a return request (multipart, with
 * their image). `pagePath` is the page's own path, where a provider sends the shopper back.
 */
export async function shopperOrderAction(request: Request, context: AppLoadContext, cooperative: Cooperative, page: OrderPage, pagePath: string) {
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  if (!multipart) {
    const intent = (await request.formData()).get("intent");
    if (intent !== "pay") return answer(400, { form: "error.badRequest.body" });
    const attempt = await payableAttempt(context.db, cooperative.id, page);
    if (!attempt) return answer(409, { form: "order.pay.error.notPayable" });
    const started = await paymentGateway().start(context.db, {
      cooperativeId: cooperative.id,
      paymentId: attempt.id,
      orderPageUrl: `${cooperative.origin}${pagePath}`,
      locale: resolveLocale(request),
    });
    if (!started.ok) return answer(502, { form: "order.pay.error.provider" });
    throw redirect(started.redirectUrl, { headers: secretLinkPageHeaders });
  }
  const read = await readMultipartForm(request);
  // The transfer proof is asked for before payment, the return's photo after delivery: never both on one page.
  const field = page.order.status === "pending_payment" ? "proof" : "photo";
  if ("refused" in read) return answer(read.status, { [field]: read.refused });
  if (read.formData.get("intent") === "return") return returnAction(context.db, cooperative, page, read.formData);
  const parsed = parseForm(proofSchema, read.formData);
  if (!parsed.ok) return answer(422, parsed.answer.data.errors);
  const bytes = await fileBytes(read.formData.get("proof"));
  if (!bytes) return answer(422, { proof: "order.proof.error.missing" });
  const checked = await checkImage(bytes);
  if (!checked.ok) return answer(mediaErrors[checked.error].status, { proof: mediaErrors[checked.error].message });
  const stored = await submitTransferProof(context.db, page, { ...(await privateImage(bytes)), ...parsed.data });
  if (!stored.ok) return answer(proofErrors[stored.error].status, { form: proofErrors[stored.error].message });
  return done("order.proof.received");
}

/** A return request, sent once (decision 15): its photo checked and re-encoded before anything is written. */
async function returnAction(db: Db, cooperative: Cooperative, page: OrderPage, formData: FormData) {
  const parsed = parseForm(returnSchema, formData);
  if (!parsed.ok) return parsed.answer;
  const lines: Record<string, number> = {};
  for (const [name, value] of formData) {
    if (!name.startsWith("qty:")) continue;
    const quantity = returnQuantity.safeParse(value === "" ? "0" : value);
    if (!quantity.success) return refused(formData, returnErrors, "too_many");
    lines[name.slice(4)] = quantity.data;
  }
  const bytes = await fileBytes(formData.get("photo"));
  let photo: { image: Buffer; mimeType: string } | null = null;
  if (bytes) {
    const checked = await checkImage(bytes);
    if (!checked.ok) return refused(formData, mediaErrors, checked.error);
    photo = await privateImage(bytes);
  }
  const key = { cooperativeId: cooperative.id, purpose: "order.return", userId: null, subject: page.order.id };
  const sent = await submitFormOnce(db, key, formData, async (tx) => {
    const result = await requestReturn(tx, { cooperativeId: cooperative.id, orderId: page.order.id, lines, ...parsed.data, photo });
    return result.ok ? { done: { returnId: result.returnId } } : { refused: refused(formData, returnErrors, result.error) };
  });
  if (!sent.ok) return sent.answer;
  return done("order.return.sent");
}

/** A privately kept image (a return's photo): never cached by others, never sniffed into anything but an image. */
export function privatePhotoResponse(photo: { photo: Buffer; mimeType: string }): Response {
  return new Response(new Uint8Array(photo.photo), {
    headers: {
      ...secretLinkPageHeaders,
      "Content-Type": photo.mimeType,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Content-Disposition": "inline",
    },
  });
}
