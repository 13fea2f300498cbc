import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { QueueCard } from "~/components/queue-card";
import { useTimeZone } from "~/lib/time-zone";
import { formatDateTime, waitingTime } from "~/lib/dates";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { requireAbility } from "~/web/guards.server";
import { listApplications } from "~/modules/membership/applications.server";

const statuses = ["submitted", "approved", "rejected"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "membership.review");
  const requested = new URL(request.url).searchParams.get("status");
  const status = statuses.find((s) => s === requested) ?? "submitted";
  const applications = await listApplications(context.db, cooperative.id, status);
  return {
    status,
    applications: applications.map((a) => ({
      id: a.id,
      businessName: a.businessName,
      ownerName: a.ownerName,
      place: [a.village, a.district, a.regency].join(", "),
      products: a.products,
      createdAt: a.createdAt,
      decidedAt: a.decidedAt,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("apply.queue.title")} · ${root.cooperative.name}`, description: t("apply.queue.title"), noindex: true }));

export default function ApplicationsQueue() {
  const { status, applications } = useLoaderData<typeof loader>();
  const [, setParams] = useSearchParams();
  const { t, locale } = useI18n();
  const zone = useTimeZone();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("apply.queue.title")}</h1>
      <div role="tablist" aria-label={t("apply.queue.title")} className="flex gap-2">
        {statuses.map((s) => (
          <button
            key={s}
            role="tab"
            type="button"
            aria-selected={s === status}
            onClick={() => setParams(s === "submitted" ? {} : { status: s })}
            className={`min-h-11 rounded-full px-4 text-sm font-semibold ring-1 ${s === status ? "bg-sea-700 text-white ring-sea-700" : "bg-white ring-sand-300"}`}
          >
            {t(`apply.queue.status.${s}`)}
          </button>
        ))}
      </div>
      {applications.length === 0 ? (
        <EmptyState title={t("apply.queue.empty")} />
      ) : (
        <ul className="space-y-3">
          {applications.map((application) => (
            <QueueCard
              key={application.id}
              to={`/admin/applications/${application.id}`}
              title={application.businessName}
              aside={
                status === "submitted"
                  ? t("apply.queue.waiting", { time: waitingTime(locale, application.createdAt) })
                  : formatDateTime(locale, application.decidedAt ?? application.createdAt, zone)
              }
            >
              <p className="text-sm text-muted">{application.ownerName} · {application.place}</p>
              <p className="mt-1 line-clamp-2 text-sm">{application.products}</p>
            </QueueCard>
          ))}
        </ul>
      )}
    </div>
  );
}
