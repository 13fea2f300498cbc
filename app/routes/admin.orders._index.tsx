import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { EmptyState } from "~/components/empty-state";
import { Pagination } from "~/components/listing/pagination";
import { formatDateTime, startOfDay } from "~/lib/dates";
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

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const filterSchema = z.object({
  view: z.enum(Object.keys(views) as [View, ...View[]]).catch("open"),
  q: z.string().trim().max(100).catch(""),
  payment: z.enum(["paid", "unpaid"]).optional().catch(undefined),
  delivery: z.enum(["courier", "local", "pickup"]).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
type Filter = z.infer<typeof filterSchema>;

/** The list's address for a filter and page; empty fields left out. */
function listHref(filter: Filter, page: number): string {
  const params = new URLSearchParams(
    Object.entries({ ...filter, page: page > 1 ? String(page) : "" }).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== ""),
  );
  return `?${params}`;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "orders.read");
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const zone = timeZoneOfProvince(cooperative.province);
  const page = await listOrders(context.db, cooperative.id, {
    statuses: [...views[filter.view]],
    search: filter.q || undefined,
    payment: filter.payment,
    delivery: filter.delivery,
    // Days as the cooperative counts them.
    from: filter.from ? startOfDay(filter.from, zone) : undefined,
    to: filter.to ? new Date(startOfDay(filter.to, zone).getTime() + 86_400_000) : undefined,
    page: filter.page,
    pageSize: PAGE_SIZE,
  });
  return data(
    { ...page, filter, pageCount: Math.max(1, Math.ceil(page.total / PAGE_SIZE)), zone },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("admin.nav.orders")} · ${root.cooperative.name}`, description: "", noindex: true }));

const fieldClass = "min-h-11 rounded-lg border border-sand-300 px-3 font-normal";

function FilterField(props: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    <label className={`grid gap-1 text-sm font-semibold ${props.wide ? "sm:col-span-2" : ""}`}>
      {props.label}
      {props.children}
    </label>
  );
}

export default function OrdersPage() {
  const { orders, filter, pageCount, zone } = useLoaderData<typeof loader>();
  const { view, page } = filter;
  const { t, locale } = useI18n();
  return (
    <div className="max-w-4xl space-y-4">
      <h1 className="text-2xl font-bold">{t("admin.nav.orders")}</h1>
      <nav aria-label={t("admin.orders.views")} className="flex gap-1 overflow-x-auto">
        {(Object.keys(views) as View[]).map((name) => (
          <Link
            key={name}
            to={listHref({ ...filter, view: name }, 1)}
            aria-current={name === view ? "page" : undefined}
            className={`inline-flex min-h-11 items-center rounded-full px-4 text-sm font-semibold ${name === view ? "bg-sea-700 text-white" : "ring-1 ring-sand-300 hover:bg-white"}`}
          >
            {t(`admin.orders.view.${name}` as MessageKey)}
          </Link>
        ))}
      </nav>
      <Form method="get" className="grid gap-3 rounded-2xl bg-white p-4 ring-1 ring-sand-200 sm:grid-cols-2">
        <input type="hidden" name="view" value={view} />
        <FilterField label={t("ordersUi.search")} wide>
          <input type="search" name="q" defaultValue={filter.q} placeholder={t("ordersUi.searchHint")} className={fieldClass} />
        </FilterField>
        <FilterField label={t("ordersUi.payment")}>
          <select name="payment" defaultValue={filter.payment ?? ""} className={fieldClass}>
            <option value="">{t("ordersUi.any")}</option>
            <option value="paid">{t("ordersUi.payment.paid")}</option>
            <option value="unpaid">{t("ordersUi.payment.unpaid")}</option>
          </select>
        </FilterField>
        <FilterField label={t("ordersUi.delivery")}>
          <select name="delivery" defaultValue={filter.delivery ?? ""} className={fieldClass}>
            <option value="">{t("ordersUi.any")}</option>
            <option value="courier">{t("checkout.method.courier")}</option>
            <option value="local">{t("checkout.method.local")}</option>
            <option value="pickup">{t("checkout.method.pickup")}</option>
          </select>
        </FilterField>
        <FilterField label={t("ordersUi.from")}>
          <input type="date" name="from" defaultValue={filter.from ?? ""} className={fieldClass} />
        </FilterField>
        <FilterField label={t("ordersUi.to")}>
          <input type="date" name="to" defaultValue={filter.to ?? ""} className={fieldClass} />
        </FilterField>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
          <button type="submit" className="min-h-11 rounded-full bg-sea-700 px-5 font-semibold text-white">
            {t("ordersUi.apply")}
          </button>
          <Link to={`?view=${view}`} className="inline-flex min-h-11 items-center font-semibold text-sea-700 underline">
            {t("ordersUi.clear")}
          </Link>
        </div>
      </Form>
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
      <Pagination page={page} pageCount={pageCount} hrefFor={(p) => listHref(filter, p)} />
    </div>
  );
}
