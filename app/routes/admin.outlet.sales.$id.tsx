import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { z } from "zod";
import { Alert, SubmitButton } from "~/components/forms/field";
import { paymentGateway } from "~/flows/payment-accounts.server";
import { formatDateTime } from "~/lib/dates";
import { notFound } from "~/lib/http.server";
import { uuidPattern } from "~/lib/ids";
import type { Locale, MessageKey } from "~/lib/i18n/core";
import { resolveLocale, translatorFor } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { normalizeIndonesianPhone } from "~/lib/indonesia/phone";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import { formatRupiah } from "~/lib/money";
import { pageMeta } from "~/lib/route-meta";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { receiptText, whatsAppLink, type ReceiptSummary } from "~/modules/outlet/counter";
import { qrDataUrl } from "~/modules/outlet/qr.server";
import { counterReceipt, type CounterReceipt } from "~/modules/outlet/sales.server";
import { paymentsOfOrder } from "~/modules/payments/payments.server";
import { parseForm } from "~/web/forms.server";
import { requireAbility } from "~/web/guards.server";


const privateHeaders = { "Cache-Control": "private, no-store" };

async function loadReceipt(request: Request, context: LoaderFunctionArgs["context"], id: string | undefined) {
  const found = await requireAbility(request, context, "outlet.sell");
  if (!id || !uuidPattern.test(id)) throw notFound();
  const receipt = await counterReceipt(context.db, found.cooperative.id, id);
  if (!receipt) throw notFound();
  return { ...found, receipt };
}

/** A counter sale: its receipt to print or send, or, while a Midtrans QRIS waits, the code to scan. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { cooperative, receipt: first } = await loadReceipt(request, context, params.id);
  let receipt = first;
  let qr: string | null = null;
  if (receipt.order.status === "pending_payment" && receipt.sale.method === "qris_midtrans") {
    // The notification completes the sale; asking Midtrans too covers one that is late or lost.
    const [payment] = await paymentsOfOrder(context.db, cooperative.id, receipt.order.id);
    if (payment) await paymentGateway().refresh(context.db, payment);
    receipt = (await counterReceipt(context.db, cooperative.id, receipt.order.id)) ?? receipt;
    if (receipt.order.status === "pending_payment" && receipt.sale.qrString) qr = await qrDataUrl(receipt.sale.qrString);
  }
  const locale = resolveLocale(request);
  const summary = summaryOf(receipt, cooperative.name, locale, timeZoneOfProvince(cooperative.province));
  return data({ receipt: { ...summary, status: receipt.order.status, method: receipt.sale.method, cashGiven: receipt.sale.cashGiven, change: receipt.sale.change, soldBy: receipt.soldByName, totalAmount: receipt.order.total }, qr, text: receiptText(summary) }, { headers: privateHeaders });
}

function summaryOf(receipt: CounterReceipt, shopName: string, locale: Locale, zone: ReturnType<typeof timeZoneOfProvince>): ReceiptSummary {
  const t = translatorFor(locale);
  return {
    shopName,
    orderNumber: receipt.order.number,
    soldAt: formatDateTime(locale, receipt.order.paidAt ?? receipt.order.createdAt, zone),
    lines: receipt.lines.map((line) => ({
      name: `${locale === "en" ? line.nameEn : line.nameId}${line.variantName ? ` · ${line.variantName}` : ""}`,
      quantity: line.quantity,
      lineTotal: formatRupiah(line.lineTotal),
    })),
    total: formatRupiah(receipt.order.total),
    paidWith: t(`outlet.paidWith.${receipt.sale.method}` as MessageKey),
  };
}

const emailSchema = z.object({ email: z.email({ error: "outlet.error.email" }).max(254, { error: "outlet.error.email" }) });

/** Sends the receipt by e-mail, through the outbox, in the language of the page. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { cooperative, receipt } = await loadReceipt(request, context, params.id);
  const formData = await request.formData();
  const form = parseForm(emailSchema, formData);
  if (!form.ok) return form.answer;
  if (receipt.order.status !== "completed") return data({ ok: false as const, errors: { form: "outlet.error.notPaid" }, values: {} }, { status: 409 });
  const locale = resolveLocale(request);
  const summary = summaryOf(receipt, cooperative.name, locale, timeZoneOfProvince(cooperative.province));
  await enqueueEmail(context.db, {
    cooperativeId: cooperative.id,
    to: form.data.email,
    locale,
    template: "outlet_receipt",
    data: {
      cooperativeName: cooperative.name,
      orderNumber: summary.orderNumber,
      soldAt: summary.soldAt,
      lines: summary.lines.map((line) => `${line.quantity} x ${line.name}: ${line.lineTotal}`),
      total: summary.total,
      paidWith: summary.paidWith,
    },
  });
  return data({ ok: true as const, errors: {} as Record<string, string>, values: {} });
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t, data: loaded }) => ({ title: `${t("outlet.receipt")} ${loaded.receipt.orderNumber} · ${root.cooperative.name}`, description: "", noindex: true }));

export default function OutletReceipt() {
  const { receipt, qr, text } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useI18n();
  const revalidator = useRevalidator();
  const waiting = receipt.status === "pending_payment";
  const [phone, setPhone] = useState("");
  const e164 = normalizeIndonesianPhone(phone);

  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 3000);
    return () => clearInterval(timer);
  }, [waiting, revalidator]);

  const errors: Record<string, string | undefined> = answer && "errors" in answer ? answer.errors : {};
  if (waiting || receipt.status === "cancelled" || receipt.status === "expired") {
    return (
      <div className="mx-auto max-w-md space-y-4 text-center">
        <h1 className="text-2xl font-bold">{receipt.orderNumber}</h1>
        {waiting ? (
          <>
            <p className="text-lg">{t("outlet.qrisAsk", { total: receipt.total })}</p>
            {qr ? <img src={qr} alt={t("outlet.qrisImage")} width={320} height={320} className="mx-auto w-full max-w-xs rounded-xl bg-white ring-1 ring-sand-200" /> : null}
            <p role="status" className="text-muted">{t("outlet.qrisWaiting")}</p>
          </>
        ) : (
          <Alert tone="error">{t("outlet.qrisEnded")}</Alert>
        )}
        <Link to="/admin/outlet" className="btn bg-white ring-1 ring-sand-300">{t("outlet.newSale")}</Link>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-md space-y-5">
      <article aria-labelledby="receipt-heading" className="receipt space-y-3 rounded-2xl bg-white p-5 ring-1 ring-sand-200 print:p-0 print:ring-0">
        <div className="text-center">
          <p className="font-bold">{receipt.shopName}</p>
          <h1 id="receipt-heading" className="text-lg font-semibold">{t("outlet.receipt")} {receipt.orderNumber}</h1>
          <p className="text-sm text-muted">{receipt.soldAt}{receipt.soldBy ? ` · ${receipt.soldBy}` : ""}</p>
        </div>
        <table className="w-full text-sm">
          <caption className="sr-only">{t("outlet.receiptLines")}</caption>
          <thead className="sr-only">
            <tr><th scope="col">{t("outlet.quantity")}</th><th scope="col">{t("admin.orders.product")}</th><th scope="col">{t("outlet.total")}</th></tr>
          </thead>
          <tbody>
            {receipt.lines.map((line, index) => (
              <tr key={index} className="align-top">
                <td className="whitespace-nowrap py-1 pr-2">{line.quantity} ×</td>
                <td className="py-1">{line.name}</td>
                <td className="py-1 pl-2 text-right whitespace-nowrap">{line.lineTotal}</td>
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t border-sand-300 font-bold">
            <tr><td colSpan={2} className="pt-2">{t("outlet.total")}</td><td className="pt-2 text-right" data-testid="receipt-total">{receipt.total}</td></tr>
          </tfoot>
        </table>
        <p className="text-sm">{receipt.paidWith}</p>
        {receipt.method === "cash" && receipt.cashGiven !== null && receipt.change !== null ? (
          <p className="text-sm">{t("outlet.cashGiven")}: {formatRupiah(receipt.cashGiven)} · {t("outlet.change")} <strong data-testid="receipt-change">{formatRupiah(receipt.change)}</strong></p>
        ) : null}
        <p className="text-center text-sm text-muted">{t("outlet.thanks")}</p>
      </article>

      <div className="space-y-4 print:hidden">
        <div className="grid grid-cols-2 gap-2">
          <button type="button" className="btn bg-sea-700 text-white" onClick={() => window.print()}>{t("outlet.print")}</button>
          <Link to="/admin/outlet" className="btn bg-white ring-1 ring-sand-300">{t("outlet.newSale")}</Link>
        </div>

        <section aria-labelledby="wa-heading" className="space-y-2 rounded-2xl bg-white p-4 ring-1 ring-sand-200">
          <h2 id="wa-heading" className="font-semibold">{t("outlet.whatsApp")}</h2>
          <label htmlFor="wa-phone" className="block text-sm font-semibold">{t("outlet.phone")}</label>
          <input id="wa-phone" className="field" inputMode="tel" autoComplete="off" value={phone} onChange={(event) => setPhone(event.target.value)} aria-describedby="wa-hint" />
          <p id="wa-hint" className="text-xs text-muted">{phone && !e164 ? t("outlet.error.phone") : t("outlet.phoneHint")}</p>
          {e164 ? (
            <a href={whatsAppLink(e164, text)} target="_blank" rel="noreferrer" className="btn w-full bg-sea-700 text-white">{t("outlet.sendWhatsApp")}</a>
          ) : null}
        </section>

        <Form method="post" className="space-y-2 rounded-2xl bg-white p-4 ring-1 ring-sand-200" aria-labelledby="mail-heading">
          <h2 id="mail-heading" className="font-semibold">{t("outlet.email")}</h2>
          {answer?.ok ? <Alert tone="success">{t("outlet.emailSent")}</Alert> : null}
          {errors.form ? <Alert tone="error">{t(errors.form as MessageKey)}</Alert> : null}
          <label htmlFor="email" className="block text-sm font-semibold">{t("outlet.emailAddress")}</label>
          <input id="email" name="email" type="email" className="field" autoComplete="off" aria-invalid={errors.email ? true : undefined} aria-describedby={errors.email ? "email-error" : undefined} />
          {errors.email ? <p id="email-error" className="text-sm font-medium text-clay-700">{t(errors.email as MessageKey)}</p> : null}
          <SubmitButton className="w-full">{t("outlet.sendEmail")}</SubmitButton>
        </Form>
      </div>
    </div>
  );
}
