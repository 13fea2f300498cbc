import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { Pagination } from "~/components/listing/pagination";
import { useTimeZone } from "~/lib/time-zone";
import { formatDateTime } from "~/lib/dates";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { requireAbility } from "~/web/guards.server";
import { listInboundEvents } from "~/modules/inbox/inbox.server";

/** The inbound event inbox as staff see it: what providers told the shop, and whether each was applied. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "events.read");
  const page = Math.min(1000, Math.max(1, Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10) || 1));
  return listInboundEvents(context.db, cooperative.id, { page });
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("admin.nav.events")} · ${root.cooperative.name}`, description: t("admin.nav.events"), noindex: true }));

export default function InboundEventsPage() {
  const { items, page, pageCount } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const zone = useTimeZone();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("admin.nav.events")}</h1>
      <p className="text-sm text-muted">{t("events.intro")}</p>
      {items.length === 0 ? (
        <EmptyState title={t("events.empty")} />
      ) : (
        <ul className="divide-y divide-sand-200 rounded-2xl bg-white ring-1 ring-sand-200">
          {items.map((event) => (
            <li key={event.id} className="px-4 py-3">
              <p className="font-medium">
                {event.provider} · <span className="font-mono text-sm">{event.eventId}</span>
              </p>
              <p className="text-sm text-muted">
                {formatDateTime(locale, event.receivedAt, zone)} · {t(`events.status.${event.status}`)} · {t("events.attempts", { n: event.attempts })}
              </p>
              {event.outcome ? <p className="text-sm">{event.outcome}</p> : null}
              {event.status !== "applied" && event.lastError ? <p className="text-sm text-clay-700">{event.lastError}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={pageCount} hrefFor={(p) => `/admin/events?page=${p}`} />
    </div>
  );
}
