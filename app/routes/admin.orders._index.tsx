import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { z } from "zod";
import { FormToken } from "~/components/forms/form-token";
import { Alert, SubmitButton } from "~/components/forms/field";
import { advanceOrders, fulfilErrors } from "~/flows/fulfil-order.server";
import { newFormToken } from "~/lib/form-token.server";
import { uuidPattern } from "~/lib/ids";
import { can } from "~/modules/identity/access";
import { fulfilmentSteps, type FulfilmentStep } from "~/modules/orders/status";
import { invalid, submitFormOnce } from "~/web/forms.server";
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
  const { cooperative, actor } = await requireAbility(request, context, "orders.read");
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
    { ...page, filter, pageCount: Math.max(1, Math.ceil(page.total / PAGE_SIZE)), zone, mayFulfil: can(actor, "orders.fulfil"), formToken: newFormToken() },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

const MAX_BULK = 50;
const bulkSchema = z.object({
  step: z.enum(fulfilmentSteps),
  orderIds: z.array(z.string().regex(uuidPattern)).max(MAX_BULK),
});

/**
 * The day's bulk action (decision 38): one step for the ticked orders, each moved or skipped with its reason, sent
 * once (a double tap or a replay answers the first outcome and moves nothing again).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "orders.fulfil");
  const formData = await request.formData();
  const orderIds = formData.getAll("orderId").filter((value): value is string => typeof value === "string");
  const parsed = bulkSchema.safeParse({ step: formData.get("step"), orderIds });
  if (!parsed.success) {
    return invalid(formData, { form: orderIds.length > MAX_BULK ? "fulfil.error.tooManySelected" : "error.badRequest.body" }, orderIds.length > MAX_BULK ? 422 : 400);
  }
  if (parsed.data.orderIds.length === 0) return invalid(formData, { form: "fulfil.error.noneSelected" });
  const text = (name: string) => String(formData.get(name) ?? "").trim().slice(0, 60);
  const moves = parsed.data.orderIds.map((orderId) => ({ orderId, courier: text(`courier:${orderId}`), trackingNumber: text(`tracking:${orderId}`) }));
  const key = { cooperativeId: cooperative.id, purpose: "orders.bulk", userId: actor.userId };
  const sent = await submitFormOnce(context.db, key, formData, async (tx) => ({
    done: await advanceOrders(tx, { cooperativeId: cooperative.id, step: parsed.data.step, moves, actorUserId: actor.userId, ipAddress: context.clientIp }),
  }));
  if (!sent.ok) return sent.answer;
  // Each skipped order's reason, as the flow's error table words it.
  const outcomes = (sent.result ?? []).map((outcome) => ({ orderId: outcome.orderId, number: outcome.number, reason: outcome.ok ? null : fulfilErrors[outcome.error].message }));
  return { ok: true as const, step: parsed.data.step, outcomes };
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

type BulkAnswer = { ok: true; step: FulfilmentStep; outcomes: { orderId: string; number: string | null; reason: MessageKey | null }[] } | { ok: false; errors: Record<string, string | undefined> };

export default function OrdersPage() {
  const { orders, filter, pageCount, zone, mayFulfil, formToken } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as BulkAnswer | undefined;
  const { view, page } = filter;
  const { t, locale } = useI18n();
  const [selected, setSelected] = useState<string[]>([]);
  const [step, setStep] = useState<FulfilmentStep>("packed");
  const results = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (answer) results.current?.focus();
  }, [answer]);
  const allSelected = orders.length > 0 && orders.every((order) => selected.includes(order.id));
  const toShip = orders.filter((order) => selected.includes(order.id) && order.deliveryMethod !== "pickup");
  const list = (
    <ul className="divide-y divide-sand-200 rounded-2xl bg-white ring-1 ring-sand-200">
      {orders.map((order) => (
        <li key={order.id} className="flex items-stretch">
          {mayFulfil ? (
            <label className="flex min-w-12 cursor-pointer items-center justify-center pl-3">
              <input
                type="checkbox"
                name="orderId"
                value={order.id}
                className="size-5"
                checked={selected.includes(order.id)}
                onChange={(event) => setSelected((now) => (event.target.checked ? [...now, order.id] : now.filter((id) => id !== order.id)))}
                aria-label={t("fulfil.bulk.select", { number: order.number })}
              />
            </label>
          ) : null}
          <Link to={`/admin/orders/${order.id}`} className="flex flex-1 flex-wrap items-center justify-between gap-2 p-4 hover:bg-sand-50">
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
  );
  return (
    <div className="max-w-4xl space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("admin.nav.orders")}</h1>
        <Link to="/admin/handover" className="inline-flex min-h-11 items-center font-semibold text-sea-700 underline">{t("fulfil.sheet.nav")}</Link>
      </div>
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
      {answer ? (
        <div ref={results} tabIndex={-1} className="space-y-2 outline-none" data-testid="bulk-results">
          {answer.ok ? (
            <Alert tone="info">
              <p className="font-semibold">
                {t("fulfil.saved.bulk", { done: answer.outcomes.filter((outcome) => !outcome.reason).length, refused: answer.outcomes.filter((outcome) => outcome.reason).length })}
              </p>
              <ul className="mt-1 list-disc pl-5">
                {answer.outcomes.map((outcome) => (
                  <li key={outcome.orderId}>
                    {outcome.number ?? t("fulfil.bulk.unknown")}:{" "}
                    {outcome.reason ? t("fulfil.bulk.skipped", { reason: t(outcome.reason) }) : t("fulfil.bulk.moved")}
                  </li>
                ))}
              </ul>
            </Alert>
          ) : answer.errors.form ? (
            <Alert tone="error">{t(answer.errors.form as MessageKey)}</Alert>
          ) : null}
        </div>
      ) : null}
      {orders.length === 0 ? (
        <EmptyState title={t("admin.orders.empty")} />
      ) : mayFulfil ? (
        <Form method="post" className="space-y-3" aria-labelledby="bulk-heading">
          <FormToken token={formToken} />
          <fieldset className="space-y-3 rounded-2xl bg-white p-4 ring-1 ring-sand-200">
            <legend id="bulk-heading" className="px-1 text-lg font-semibold">{t("fulfil.bulk.title")}</legend>
            <p className="text-sm text-muted">{t("fulfil.bulk.hint")}</p>
            <label className="flex min-h-11 items-center gap-3 font-semibold">
              <input type="checkbox" className="size-5" checked={allSelected} onChange={(event) => setSelected(event.target.checked ? orders.map((order) => order.id) : [])} />
              {t("fulfil.bulk.selectAll")}
            </label>
            <div className="flex flex-wrap items-end gap-3">
              <label className="grid gap-1 text-sm font-semibold">
                {t("fulfil.bulk.action")}
                <select name="step" value={step} onChange={(event) => setStep(event.target.value as FulfilmentStep)} className={fieldClass}>
                  {fulfilmentSteps.map((name) => (
                    <option key={name} value={name}>{t(`fulfil.step.${name}` as MessageKey)}</option>
                  ))}
                </select>
              </label>
              <SubmitButton>{t("fulfil.bulk.submit")}</SubmitButton>
            </div>
            {step === "shipped" && toShip.length > 0 ? (
              <table className="w-full text-sm">
                <caption className="text-left font-semibold">{t("fulfil.bulk.shipping")}</caption>
                <thead>
                  <tr className="text-left">
                    <th scope="col" className="py-1 pr-2">{t("fulfil.sheet.order")}</th>
                    <th scope="col" className="py-1 pr-2">{t("fulfil.courier")}</th>
                    <th scope="col" className="py-1">{t("fulfil.trackingNumber")}</th>
                  </tr>
                </thead>
                <tbody>
                  {toShip.map((order) => (
                    <tr key={order.id}>
                      <th scope="row" className="py-1 pr-2 text-left font-normal">{order.number}</th>
                      <td className="py-1 pr-2">
                        <input name={`courier:${order.id}`} list="bulk-couriers" aria-label={t("fulfil.bulk.courierFor", { number: order.number })} className={`${fieldClass} w-full`} />
                      </td>
                      <td className="py-1">
                        <input name={`tracking:${order.id}`} aria-label={t("fulfil.bulk.trackingFor", { number: order.number })} className={`${fieldClass} w-full`} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            <datalist id="bulk-couriers">
              {["JNE", "J&T", "SiCepat", "Pos Indonesia", "AnterAja"].map((courier) => <option key={courier} value={courier} />)}
            </datalist>
          </fieldset>
          {list}
        </Form>
      ) : (
        list
      )}
      <Pagination page={page} pageCount={pageCount} hrefFor={(p) => listHref(filter, p)} />
    </div>
  );
}

