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

export const loader = ({ request, context }: LoaderFunctionArgs) => loadShopPage(request, context, "returns");

export const headers: HeadersFunction = () => publicPageHeaders();

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ data, root, t }) => ({ title: `${t("returns.title")} · ${root.cooperative.name}`, description: summarize(data.paragraphs.join(" ")) }));

/** The terms of sale and the return policy (UU 8/1999 asks shops to state them), as the managers wrote them. */
export default function Returns() {
  const page = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <ShopPageView title={t("returns.title")} paragraphs={page.paragraphs}>
      {page.contact ? <p className="font-semibold">{page.contact}</p> : null}
    </ShopPageView>
  );
}
