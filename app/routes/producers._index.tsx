import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { ProducerCard } from "~/components/producer-card";
import { publicPageHeaders } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { listProducers } from "~/modules/catalog/shop/browse.server";
import { parseCatalogQuery } from "~/modules/catalog/shop/query";
import { requireCooperative } from "~/web/cooperative.server";
import { Pagination } from "~/components/listing/pagination";
import { shopPage } from "~/lib/i18n/dictionaries";

export const handle = shopPage;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const cooperative = await requireCooperative(request, context);
  const { page } = parseCatalogQuery(new URL(request.url).searchParams);
  return { page, ...(await listProducers(context.db, cooperative.id, resolveLocale(request), page)) };
}

export const headers: HeadersFunction = () => publicPageHeaders();

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({
    title: `${t("producers.title")} · ${root.cooperative.name}`,
    description: t("producers.description", { name: root.cooperative.name }),
  }));

export default function ProducersPage() {
  const { producers, page, pageCount, total } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="container-page py-6 sm:py-10">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("producers.title")}</h1>
      <p className="mt-2 max-w-prose text-muted">{t("home.producersIntro")}</p>
      {total > 0 ? <p className="mt-2 text-sm text-muted">{t("producers.count", { count: total })}</p> : null}
      {producers.length === 0 ? (
        <div className="mt-6"><EmptyState title={t("producers.empty")} /></div>
      ) : (
        <ul className="mt-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {producers.map((producer) => (
            <li key={producer.slug}><ProducerCard producer={producer} /></li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={pageCount} hrefFor={(p) => (p > 1 ? `/producers?page=${p}` : "/producers")} />
    </div>
  );
}
