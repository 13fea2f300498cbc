import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "~/lib/dates";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import { uuidPattern } from "~/lib/ids";
import { notFound } from "~/lib/http.server";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { formatRupiah } from "~/lib/money";
import { pageMeta } from "~/lib/route-meta";
import { can } from "~/modules/identity/access";
import { getOrder } from "~/modules/orders/orders.server";
import { paymentsOfOrder } from "~/modules/payments/payments.server";
import { requireAbility } from "~/web/guards.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "orders.read");
  if (!params.id || !uuidPattern.test(params.id)) throw notFound();
  const [found, payments] = await Promise.all([getOrder(context.db, cooperative.id, params.id), paymentsOfOrder(context.db, cooperative.id, params.id)]);
  if (!found) throw notFound();
  return data(
    {
      order: found.order,
      lines: found.lines,
      payments: payments.map(({ id, provider, reference, status, amount, method, alert, paidAt, createdAt }) => ({ id, provider, reference, status, amount, method, alert, paidAt, createdAt })),
      mayConfirm: can(actor, "payments.confirm"),
      zone: timeZoneOfProvince(cooperative.province),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t, data: loaded }) => ({ title: `${t("order.title", { number: loaded.order.number })} · ${root.cooperative.name}`, description: "", noindex: true }));

export default function AdminOrderPage() {
  const { order, lines, payments, mayConfirm, zone } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <Link to="/admin/orders" className="text-sm text-sea-700 underline">← {t("admin.nav.orders")}</Link>
        <h1 className="mt-2 text-2xl font-bold">{t("order.title", { number: order.number })}</h1>
        <p className="text-sm text-muted">
          {t(`order.status.${order.status}` as MessageKey)} · {formatDateTime(locale, order.createdAt, zone)}
        </p>
      </div>
      <section className="rounded-2xl bg-white p-4 ring-1 ring-sand-200" aria-labelledby="lines-heading">
        <h2 id="lines-heading" className="text-lg font-semibold">{t("order.items")}</h2>
        <table className="mt-3 w-full text-left text-sm">
          <thead className="text-muted">
            <tr>
              <th className="py-1 font-medium">{t("admin.orders.product")}</th>
              <th className="py-1 text-right font-medium">{t("cart.quantity")}</th>
              <th className="py-1 text-right font-medium">{t("admin.orders.fee")}</th>
              <th className="py-1 text-right font-medium">{t("checkout.total")}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.id} className="border-t border-sand-200">
                <td className="py-2">
                  {locale === "en" ? line.nameEn : line.nameId}
                  {line.variantName ? ` (${line.variantName})` : ""}
                  <span className="block text-xs text-muted">{line.sku}</span>
                </td>
                <td className="py-2 text-right">{line.quantity}</td>
                <td className="py-2 text-right">{formatRupiah(line.fee)}</td>
                <td className="py-2 text-right">{formatRupiah(line.lineTotal)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-3 text-right text-sm">
          {t("checkout.shipping")}: {formatRupiah(order.shipping)} · <strong>{t("checkout.total")}: {formatRupiah(order.total)}</strong>
        </p>
      </section>
      <section className="rounded-2xl bg-white p-4 text-sm ring-1 ring-sand-200" aria-labelledby="payments-heading">
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
        {mayConfirm && payments.some((payment) => payment.provider === "manual" && payment.status === "pending") ? (
          <Link to="/admin/payments" className="mt-3 inline-block font-semibold text-sea-700 underline">{t("admin.orders.toPayments")}</Link>
        ) : null}
      </section>
      <section className="rounded-2xl bg-white p-4 text-sm ring-1 ring-sand-200" aria-labelledby="delivery-heading">
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
    </div>
  );
}
