import type { SerializeFrom } from "@remix-run/node";
import { Form, useSearchParams } from "@remix-run/react";
import { Alert, SubmitButton, TextField } from "~/components/forms/field";
import { OrderTimeline } from "~/components/order-timeline";
import { ShopperReturns } from "~/components/shopper-returns";
import { formatDateTime } from "~/lib/dates";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { formatRupiah } from "~/lib/money";
import { acceptedImageTypes } from "~/modules/media/images";
import type { shopperOrderData } from "~/web/shopper-order.server";

/** The order page's data as the browser gets it (dates as strings). */
export type ShopperOrderView = SerializeFrom<typeof shopperOrderData>;
export type ShopperOrderAnswer = { ok: true; message: "order.proof.received" | "order.return.sent"; errors: Record<string, string> } | { ok: false; errors: Record<string, string | undefined> };

const statusTone: Record<string, string> = {
  pending_payment: "bg-sand-100 text-ink",
  paid: "bg-sea-50 text-sea-800",
  expired: "bg-clay-500/10 text-clay-700",
  cancelled: "bg-clay-500/10 text-clay-700",
};

/**
 * The shopper's order page, the same by private link and in the account: status, payment, items, tracking, receipt,
 * timeline, returns and delivery. `base` is the page's own path (the receipt and return photos hang under it).
 */
export function ShopperOrder(props: { view: ShopperOrderView; result: ShopperOrderAnswer | undefined; base: string }) {
  const { order, lines, payment, proofs, bank, outlet, zone, timeline } = props.view;
  const result = props.result;
  const [searchParams] = useSearchParams();
  const { t, locale } = useI18n();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const waiting = order.status === "pending_payment";
  const awaitingTransfer = waiting && payment?.provider === "manual" && payment.status === "pending";
  const undecidedProof = proofs.some((proof) => proof.decision === null);

  return (
    <div className="container-page max-w-3xl space-y-6 py-6">
      <div>
        <p className="text-sm text-muted">{t("order.placedAt", { date: formatDateTime(locale, order.createdAt, zone) })}</p>
        <h1 className="text-2xl font-bold">{t("order.title", { number: order.number })}</h1>
        <p className={`mt-2 inline-block rounded-full px-3 py-1 text-sm font-semibold ${statusTone[order.status] ?? "bg-sand-100"}`} data-testid="order-status">
          {t(`order.status.${order.status}` as MessageKey)}
        </p>
      </div>

      {searchParams.get("payment") === "failed" ? <Alert tone="error">{t("order.pay.error.provider")}</Alert> : null}
      {errors.form ? <Alert tone="error">{t(errors.form as MessageKey)}</Alert> : null}
      {result?.ok ? <Alert tone="success">{t(result.message)}</Alert> : null}

      {waiting && payment && payment.provider !== "manual" ? (
        <section className="space-y-3 rounded-2xl bg-white p-4 ring-1 ring-sand-200" aria-labelledby="pay-heading">
          <h2 id="pay-heading" className="text-lg font-semibold">{t("order.pay.title")}</h2>
          <p>{t(payment.status === "pending" ? "order.pay.pending" : "order.pay.again", { date: formatDateTime(locale, order.expiresAt, zone) })}</p>
          <Form method="post">
            <SubmitButton intent="pay">{t("order.pay.button", { total: formatRupiah(order.total) })}</SubmitButton>
          </Form>
        </section>
      ) : null}

      {awaitingTransfer ? (
        <section className="space-y-4 rounded-2xl bg-white p-4 ring-1 ring-sand-200" aria-labelledby="transfer-heading">
          <h2 id="transfer-heading" className="text-lg font-semibold">{t("order.transfer.title")}</h2>
          <p>{t("order.transfer.intro", { date: formatDateTime(locale, order.expiresAt, zone) })}</p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-xl bg-sand-50 p-3 text-sm">
            <dt className="text-muted">{t("order.transfer.bank")}</dt>
            <dd className="font-semibold">{bank.name}</dd>
            <dt className="text-muted">{t("order.transfer.account")}</dt>
            <dd className="font-mono font-semibold" data-testid="bank-account">{bank.number}</dd>
            <dt className="text-muted">{t("order.transfer.holder")}</dt>
            <dd className="font-semibold">{bank.holder}</dd>
            <dt className="text-muted">{t("order.transfer.amount")}</dt>
            <dd className="font-semibold">{formatRupiah(order.total)}</dd>
            <dt className="text-muted">{t("order.transfer.note")}</dt>
            <dd className="font-mono font-semibold">{order.number}</dd>
          </dl>
          {undecidedProof ? (
            <Alert tone="info">{t("order.proof.waiting")}</Alert>
          ) : (
            <Form method="post" encType="multipart/form-data" className="space-y-3" noValidate>
              <div className="space-y-1">
                <label htmlFor="proof" className="block text-sm font-semibold">{t("order.proof.file")}</label>
                <input id="proof" name="proof" type="file" accept={acceptedImageTypes} required className="block w-full text-sm" aria-invalid={errors.proof ? true : undefined} aria-describedby={errors.proof ? "proof-error" : undefined} />
                {errors.proof ? <p id="proof-error" className="text-sm font-medium text-clay-700">{t(errors.proof as MessageKey)}</p> : null}
              </div>
              <TextField name="senderName" label={t("order.proof.senderName")} autoComplete="name" required error={errors.senderName} />
              <TextField name="senderBank" label={t("order.proof.senderBank")} error={errors.senderBank} />
              <SubmitButton>{t("order.proof.submit")}</SubmitButton>
            </Form>
          )}
          {proofs.some((proof) => proof.decision === "rejected") && !undecidedProof ? <p className="text-sm text-clay-700">{t("order.proof.rejected")}</p> : null}
        </section>
      ) : null}

      {payment?.alert ? <Alert tone="info">{t("order.payment.review")}</Alert> : null}

      <section className="rounded-2xl bg-white p-4 ring-1 ring-sand-200" aria-labelledby="items-heading">
        <h2 id="items-heading" className="text-lg font-semibold">{t("order.items")}</h2>
        <ul className="mt-3 space-y-2 text-sm">
          {lines.map((line) => (
            <li key={line.id} className="flex justify-between gap-3">
              <span>
                {line.quantity} × {locale === "en" ? line.nameEn : line.nameId}
                {line.variantName ? ` (${line.variantName})` : ""}
              </span>
              <span className="shrink-0">{formatRupiah(line.lineTotal)}</span>
            </li>
          ))}
        </ul>
        <dl className="mt-3 space-y-1 border-t border-sand-200 pt-3 text-sm">
          <div className="flex justify-between"><dt>{t("cart.subtotal")}</dt><dd>{formatRupiah(order.subtotal)}</dd></div>
          <div className="flex justify-between"><dt>{t("checkout.shipping")}</dt><dd>{formatRupiah(order.shipping)}</dd></div>
          <div className="flex justify-between pt-1 text-base font-bold"><dt>{t("checkout.total")}</dt><dd>{formatRupiah(order.total)}</dd></div>
        </dl>
      </section>

      {order.trackingNumber ? (
        <p className="rounded-2xl bg-white p-4 text-sm ring-1 ring-sand-200" data-testid="tracking">
          {t("order.tracking", { courier: order.courier, number: order.trackingNumber })}
        </p>
      ) : null}
      {order.paid ? (
        <p>
          <a href={`${props.base}/receipt?lang=${locale}`} className="font-semibold text-sea-700 underline">{t("order.receipt")}</a>
        </p>
      ) : null}

      <OrderTimeline entries={timeline} zone={zone} />

      <ShopperReturns view={props.view} errors={errors} base={props.base} />

      <section className="rounded-2xl bg-white p-4 text-sm ring-1 ring-sand-200" aria-labelledby="delivery-heading">
        <h2 id="delivery-heading" className="text-lg font-semibold">{t("checkout.delivery")}</h2>
        <p className="mt-2 font-semibold">{t(`checkout.method.${order.deliveryMethod}` as MessageKey)}</p>
        {order.deliveryMethod === "courier" && order.areaNames ? (
          <p>{[order.street, order.areaNames.village, order.areaNames.district, order.areaNames.regency, order.areaNames.province, order.postalCode].filter(Boolean).join(", ")}</p>
        ) : order.deliveryMethod === "local" ? (
          <p>{[order.placeName, order.street].filter(Boolean).join(", ")}</p>
        ) : (
          <p>{outlet}</p>
        )}
        <p className="mt-2 text-muted">{order.contactName} · {order.phone} · {order.email}</p>
        {order.note ? <p className="mt-2">{t("checkout.field.note")}: {order.note}</p> : null}
      </section>
    </div>
  );
}
