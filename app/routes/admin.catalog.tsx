import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { PillTabs } from "~/components/pill-tabs";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { requireAbility } from "~/web/guards.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAbility(request, context, "catalog.manage");
  return {};
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("catalogAdmin.title")} · ${root.cooperative.name}`, description: t("catalogAdmin.products.intro"), noindex: true }));

const tabs = [
  { to: "/admin/catalog/categories", key: "catalogAdmin.tab.categories" },
  { to: "/admin/catalog/products", key: "catalogAdmin.tab.products" },
  { to: "/admin/catalog/pages", key: "catalogAdmin.tab.pages" },
] as const;

/** The catalog area for managers (decision 30): categories, products (featured, taken down), the shop's own pages. */
export default function CatalogAdmin() {
  const { t } = useI18n();
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">{t("catalogAdmin.title")}</h1>
      <PillTabs label={t("catalogAdmin.tabs")} tabs={tabs.map((tab) => ({ to: tab.to, label: t(tab.key) }))} />
      <Outlet />
    </div>
  );
}
