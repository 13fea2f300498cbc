import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { Pagination } from "~/components/listing/pagination";
import { useTimeZone } from "~/lib/time-zone";
import { formatDateTime } from "~/lib/dates";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { requireAbility } from "~/web/guards.server";
import { listOutbox } from "~/modules/notifications/outbox.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "outbox.read");
  const page = Math.min(1000, Math.max(1, Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10) || 1));
  return listOutbox(context.db, cooperative.id, { page });
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("admin.nav.outbox")} · ${root.cooperative.name}`, description: t("admin.nav.outbox"), noindex: true }));

export default function OutboxPage() {
  const { items, page, pageCount } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const zone = useTimeZone();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("admin.nav.outbox")}</h1>
      <p className="text-sm text-muted">{t("outbox.intro")}</p>
      {items.length === 0 ? (
        <EmptyState title={t("outbox.empty")} />
      ) : (
        <ul className="divide-y divide-sand-200 rounded-2xl bg-white ring-1 ring-sand-200">
          {items.map((email) => (
            <li key={email.id} className="relative px-4 py-3 hover:bg-sand-50">
              <p className="font-medium">
                <Link to={`/admin/outbox/${email.id}`} className="after:absolute after:inset-0">{email.subject}</Link>
              </p>
              <p className="text-sm text-muted">
                {email.toAddress} · {formatDateTime(locale, email.createdAt, zone)} · {t(`outbox.status.${email.status}`)}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={pageCount} hrefFor={(p) => `/admin/outbox?page=${p}`} />
    </div>
  );
}
