import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ShopPageView } from "~/components/shop-page-view";
import { publicPageHeaders } from "~/lib/http.server";
import { shopPage } from "~/lib/i18n/dictionaries";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { summarize } from "~/lib/seo";
import { loadShopPage } from "~/web/shop-page.server";

export const handle = shopPage;

export const loader = ({ request, context }: LoaderFunctionArgs) => loadShopPage(request, context, "pickup");

export const headers: HeadersFunction = () => publicPageHeaders();

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ data, root, t }) => ({ title: `${t("shopPage.pickup.title")} · ${root.cooperative.name}`, description: summarize(data.paragraphs.join(" ")) }));

/** Picking up at the outlet: hours and the way there, as the managers wrote them, with the outlet's address and map link. */
export default function Pickup() {
  const page = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <ShopPageView title={t("shopPage.pickup.title")} paragraphs={page.paragraphs}>
      {page.address ? (
        <p>
          <span className="font-semibold">{t("shopPage.pickup.address")}:</span> {page.address}
        </p>
      ) : null}
      {page.mapUrl ? (
        <a href={page.mapUrl} target="_blank" rel="noopener noreferrer nofollow" className="btn bg-sea-700 text-white hover:bg-sea-800">
          {t("shopPage.pickup.map")}
        </a>
      ) : null}
    </ShopPageView>
  );
}
