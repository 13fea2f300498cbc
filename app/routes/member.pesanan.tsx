import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { EmptyState } from "~/components/empty-state";
import { Pagination } from "~/components/listing/pagination";
import { formatDateTime } from "~/lib/dates";
import { localized, type MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import { formatRupiah } from "~/lib/money";
import { pageMeta } from "~/lib/route-meta";
import { memberOrderLines } from "~/modules/orders/fulfilment.server";
import { requireMemberUser } from "~/web/guards.server";

const PAGE_SIZE = 25;

const querySchema = z.object({
  view: z.enum(["open", "history"]).catch("open"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/**
 * The member's own order lines: what to prepare and bring to the outlet, and what was handed over before. Only
 * their business's lines, from the session (no id in the address), and nothing of the shopper (UU PDP).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative, member } = await requireMemberUser(request, context);
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { lines, total } = await memberOrderLines(context.db, cooperative.id, member.memberId, { view: query.view, page: query.page, pageSize: PAGE_SIZE });
  return data(
    { lines, view: query.view, page: query.page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)), zone: timeZoneOfProvince(cooperative.province) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("memberOrders.title")} · ${root.cooperative.name}`, description: t("memberOrders.intro"), noindex: true }));

export default function MemberOrders() {
  const { lines, view, page, pageCount, zone } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t("memberOrders.title")}</h1>
      <p className="text-muted">{t("memberOrders.intro")}</p>
      <nav aria-label={t("memberOrders.views")} className="flex gap-1 overflow-x-auto">
        {(["open", "history"] as const).map((name) => (
          <Link
            key={name}
            to={`?view=${name}`}
            aria-current={name === view ? "page" : undefined}
            className={`inline-flex min-h-11 items-center rounded-full px-4 text-sm font-semibold ${name === view ? "bg-sea-700 text-white" : "ring-1 ring-sand-300 hover:bg-white"}`}
          >
            {t(`memberOrders.view.${name}`)}
          </Link>
        ))}
      </nav>
      {lines.length === 0 ? (
        <EmptyState title={t(view === "open" ? "memberOrders.empty.open" : "memberOrders.empty.history")} />
      ) : (
        <ul className="space-y-3">
          {lines.map((line) => (
            <li key={line.lineId} className="rounded-2xl bg-white p-4 ring-1 ring-sand-200">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-semibold">
                  {localized(locale, line.nameId, line.nameEn)}
                  {line.variantName ? <span className="font-normal text-muted"> · {line.variantName}</span> : null}
                </p>
                <p className="text-lg font-bold" aria-label={t("memberOrders.quantityLabel", { count: line.quantity })}>
                  × {line.quantity}
                </p>
              </div>
              <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
                <dt className="text-muted">{t("memberOrders.order")}</dt>
                <dd className="font-mono">{line.orderNumber}</dd>
                <dt className="text-muted">{t("memberOrders.status")}</dt>
                <dd>{t(`order.status.${line.status}` as MessageKey)}</dd>
                {view === "open" && line.dueAt ? (
                  <>
                    <dt className="text-muted">{t("memberOrders.due")}</dt>
                    <dd className="font-semibold">{formatDateTime(locale, line.dueAt, zone)}</dd>
                  </>
                ) : null}
                {line.receivedQuantity !== null ? (
                  <>
                    <dt className="text-muted">{t("memberOrders.received")}</dt>
                    <dd>
                      {line.receivedQuantity}
                      {line.damagedQuantity > 0 ? ` (${t("memberOrders.damaged", { count: line.damagedQuantity })})` : ""}
                    </dd>
                  </>
                ) : null}
                <dt className="text-muted">{t("memberOrders.share")}</dt>
                <dd>{formatRupiah(line.memberShare)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={pageCount} hrefFor={(p) => `?view=${view}&page=${p}`} />
    </div>
  );
}
