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

export const loader = ({ request, context }: LoaderFunctionArgs) => loadShopPage(request, context, "about");

export const headers: HeadersFunction = () => publicPageHeaders();

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ data, root, t }) => ({ title: `${t("shopPage.about.title")} · ${root.cooperative.name}`, description: summarize(data.paragraphs.join(" ")) }));

/** About the cooperative, as its managers wrote it (its story until they do). */
export default function About() {
  const page = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return <ShopPageView title={t("shopPage.about.title")} paragraphs={page.paragraphs} />;
}
