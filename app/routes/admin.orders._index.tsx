import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { EmptyState } from "~/components/empty-state";
import { Pagination } from "~/components/listing/pagination";
import { formatDateTime } from "~/lib/dates";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { formatRupiah } from "~/lib/money";
import { pageMeta } from "~/lib/route-meta";
import { listOrders } from "~/modules/orders/orders.server";
import type { OrderStatus } from "~/modules/orders/status";
import { requireAbility } from "~/web/guards.server";

const PAGE_SIZE = 25;

/** The tabs: what staff look for, in the order they act on it. */
const views = {
  open: ["paid", "processing"],
  unpaid: ["pending_payment"],
  sent: ["shipped", "delivered", "completed"],
  ended: ["cancelled", "expired", "refunded", "partially_refunded"],
  all: [],
} as const satisfies Record<string, readonly OrderStatus[]>;
type View = keyof typeof views;

const filterSchema = z.object({
  view: z.enum(Object.keys(views) as [View, ...View[]]).catch("open"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "orders.read");
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await listOrders(context.db, cooperative.id, { statuses: [...views[filter.view]], page: filter.page, pageSize: PAGE_SIZE });
  return data(
    { ...page, view: filter.view, page: filter.page, pageCount: Math.max(1, Math.ceil(page.total / PAGE_SIZE)), zone: timeZoneOfProvince(cooperative.province) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("admin.nav.orders")} · ${root.cooperative.name}`, description: "", noindex: true }));

export default function OrdersPage() {
  const { orders, view, page, pageCount, zone } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  return (
    <div className="max-w-4xl space-y-4">
      <h1 className="text-2xl font-bold">{t("admin.nav.orders")}</h1>
      <nav aria-label={t("admin.orders.views")} className="flex gap-1 overflow-x-auto">
        {(Object.keys(views) as View[]).map((name) => (
          <Link
            key={name}
            to={`?view=${name}`}
            aria-current={name === view ? "page" : undefined}
            className={`inline-flex min-h-11 items-center rounded-full px-4 text-sm font-semibold ${name === view ? "bg-sea-700 text-white" : "ring-1 ring-sand-300 hover:bg-white"}`}
          >
            {t(`admin.orders.view.${name}` as MessageKey)}
          </Link>
        ))}
      </nav>
      {orders.length === 0 ? (
        <EmptyState title={t("admin.orders.empty")} />
      ) : (
        <ul className="divide-y divide-sand-200 rounded-2xl bg-white ring-1 ring-sand-200">
          {orders.map((order) => (
            <li key={order.id}>
              <Link to={`/admin/orders/${order.id}`} className="flex flex-wrap items-center justify-between gap-2 p-4 hover:bg-sand-50">
                <span>
                  <span className="block font-semibold">{order.number}</span>
                  <span className="block text-sm text-muted">
                    {order.contactName} · {formatDateTime(locale, order.createdAt, zone)}
                  </span>
                </span>
                <span className="text-right">
                  <span className="block font-semibold">{formatRupiah(order.total)}</span>
                  <span className="block text-sm">{t(`order.status.${order.status}` as MessageKey)}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={pageCount} hrefFor={(p) => `?view=${view}&page=${p}`} />
    </div>
  );
}
