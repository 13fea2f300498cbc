import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { QueueCard } from "~/components/queue-card";
import { waitingTime } from "~/lib/dates";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { listReviewQueue } from "~/modules/catalog/listings/review.server";
import { requireAbility } from "~/web/guards.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "listing.review");
  return { queue: await listReviewQueue(context.db, cooperative.id, resolveLocale(request)) };
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("review.title")} · ${root.cooperative.name}`, description: t("review.title"), noindex: true }));

export default function ReviewQueue() {
  const { queue } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("review.title")}</h1>
      <p className="text-sm text-muted">{t("review.intro")}</p>
      {queue.length === 0 ? (
        <EmptyState title={t("review.empty")} />
      ) : (
        <ul className="space-y-3">
          {queue.map((item) => (
            <QueueCard
              key={item.versionId}
              to={`/admin/review/${item.versionId}`}
              title={item.name}
              image={item.cover}
              aside={t("apply.queue.waiting", { time: waitingTime(locale, item.submittedAt) })}
            >
              <p className="text-sm text-muted">
                {item.producer} · {item.isEdit ? t("review.kind.edit") : t("review.kind.new")}
              </p>
            </QueueCard>
          ))}
        </ul>
      )}
    </div>
  );
}
