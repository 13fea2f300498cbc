import type { AppLoadContext } from "@remix-run/node";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { getShopPage, type ShopPageKind } from "~/modules/tenancy/shop-pages.server";
import { requireCooperative } from "~/web/cooperative.server";

/** One of the shop's own pages for this request's shop, in the visitor's language (decision 30). */
export async function loadShopPage(request: Request, context: AppLoadContext, kind: ShopPageKind) {
  const cooperative = await requireCooperative(request, context);
  const page = await getShopPage(context.db, cooperative.id, kind, resolveLocale(request), cooperative);
  return { ...page, address: cooperative.address, contact: [cooperative.phone, cooperative.email].filter(Boolean).join(" · ") };
}
