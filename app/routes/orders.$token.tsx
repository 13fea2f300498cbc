import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useParams, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Alert, SubmitButton, TextField } from "~/components/forms/field";
import { OrderTimeline } from "~/components/order-timeline";
import { formatDateTime } from "~/lib/dates";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import type { MessageKey } from "~/lib/i18n/core";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { formatRupiah } from "~/lib/money";
import { notFound, secretLinkPageHeaders } from "~/lib/http.server";
import { pageMeta } from "~/lib/route-meta";
import { acceptedImageTypes } from "~/modules/media/images";
import { orderForLink, payableAttempt, proofErrors, submitTransferProof } from "~/flows/order-page.server";
import { orderTimeline } from "~/flows/order-timeline.server";
import { paymentGateway } from "~/flows/payment-accounts.server";
import { requireCooperative } from "~/web/cooperative.server";
import { parseForm } from "~/web/forms.server";
import { checkImage, fileBytes, mediaErrors, privateImage, readMultipartForm } from "~/web/upload.server";
import { shopPage } from "~/lib/i18n/dictionaries";

const privateHeaders = secretLinkPageHeaders;

async function pageFor(request: Request, context: LoaderFunctionArgs["context"], token: string | undefined) {
  const cooperative = await requireCooperative(request, context);
  const page = token ? await orderForLink(context.db, paymentGateway(), cooperative.id, token) : undefined;
  if (!page) throw notFound();
  return { cooperative, page };
}

export const handle = shopPage;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { cooperative, page } = await pageFor(request, context, params.token);
  const { order, lines, payment, proofs } = page;
  const timeline = await orderTimeline(context.db, order, "shopper");
  return data(
    {
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
    },
    { headers: privateHeaders },
  );
}

const proofSchema = z.object({
  senderName: z.string().trim().min(2, { error: "order.proof.error.senderName" }).max(120, { error: "order.proof.error.senderName" }),
  senderBank: z.string().trim().max(60, { error: "order.proof.error.senderBank" }).default(""),
});

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { cooperative, page } = await pageFor(request, context, params.token);
  const answer = (status: number, errors: Record<string, string>) => data({ ok: false as const, errors }, { status, headers: privateHeaders });
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  if (!multipart) {
    const intent = (await request.formData()).get("intent");
    if (intent !== "pay") return answer(400, { form: "error.badRequest.body" });
    const attempt = await payableAttempt(context.db, cooperative.id, page);
    if (!attempt) return answer(409, { form: "order.pay.error.notPayable" });
    const orderPageUrl = `${cooperative.origin}${new URL(request.url).pathname}`;
    const started = await paymentGateway().start(context.db, { cooperativeId: cooperative.id, paymentId: attempt.id, orderPageUrl, locale: resolveLocale(request) });
    if (!started.ok) return answer(502, { form: "order.pay.error.provider" });
    throw redirect(started.redirectUrl, { headers: privateHeaders });
  }
  const read = await readMultipartForm(request);
  if ("refused" in read) return answer(read.status, { proof: read.refused });
  const parsed = parseForm(proofSchema, read.formData);
  if (!parsed.ok) return answer(422, parsed.answer.data.errors);
  const bytes = await fileBytes(read.formData.get("proof"));
  if (!bytes) return answer(422, { proof: "order.proof.error.missing" });
  const checked = await checkImage(bytes);
  if (!checked.ok) return answer(mediaErrors[checked.error].status, { proof: mediaErrors[checked.error].message });
  const stored = await submitTransferProof(context.db, page, { ...(await privateImage(bytes)), ...parsed.data });
  if (!stored.ok) return answer(proofErrors[stored.error].status, { form: proofErrors[stored.error].message });
  return data({ ok: true as const, errors: {} as Record<string, string> }, { headers: privateHeaders });
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t, data: loaded }) => ({ title: `${t("order.title", { number: loaded.order.number })} · ${root.cooperative.name}`, description: "", noindex: true }));

const statusTone: Record<string, string> = {
  pending_payment: "bg-sand-100 text-ink",
  paid: "bg-sea-50 text-sea-800",
  expired: "bg-clay-500/10 text-clay-700",
  cancelled: "bg-clay-500/10 text-clay-700",
};

export default function OrderPage() {
  const { order, lines, payment, proofs, bank, outlet, zone, timeline } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const params = useParams();
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
      {result?.ok ? <Alert tone="success">{t("order.proof.received")}</Alert> : null}

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
          <a href={`/orders/${params.token ?? ""}/receipt?lang=${locale}`} className="font-semibold text-sea-700 underline">{t("order.receipt")}</a>
        </p>
      ) : null}

      <OrderTimeline entries={timeline} zone={zone} />

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
