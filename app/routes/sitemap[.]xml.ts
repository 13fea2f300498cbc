import type { LoaderFunctionArgs } from "@remix-run/node";
import { sitemapEntries } from "~/modules/catalog/shop/browse.server";
import { requireCooperative } from "~/web/cooperative.server";

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const cooperative = await requireCooperative(request, context);
  const origin = cooperative.origin;
  const entries = [
    { path: "/", modified: undefined as Date | undefined },
    { path: "/products", modified: undefined },
    { path: "/producers", modified: undefined },
    ...(await sitemapEntries(context.db, cooperative.id)),
  ];
  const urls = entries.map((entry) => {
    const loc = escapeXml(`${origin}${entry.path}`);
    const alternates = (["id", "en"] as const)
      .map((lang) => `<xhtml:link rel="alternate" hreflang="${lang}" href="${loc}?lang=${lang}"/>`)
      .join("");
    const lastmod = entry.modified ? `<lastmod>${entry.modified.toISOString()}</lastmod>` : "";
    return `<url><loc>${loc}</loc>${lastmod}${alternates}</url>`;
  });
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${urls.join("\n")}
</urlset>`;
  return new Response(xml, {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
