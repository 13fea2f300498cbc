import type { LoaderFunctionArgs } from "@remix-run/node";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { searchSuggestions } from "~/modules/catalog/shop/browse.server";
import { parseCatalogQuery } from "~/modules/catalog/shop/query";
import { requireCooperative } from "~/web/cooperative.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const cooperative = await requireCooperative(request, context);
  const { q } = parseCatalogQuery(new URL(request.url).searchParams);
  const suggestions = q ? await searchSuggestions(context.db, cooperative.id, q, resolveLocale(request)) : [];
  return Response.json({ suggestions }, { headers: { "Cache-Control": "public, max-age=60", Vary: "Cookie, Accept-Language" } });
}
