import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCooperative } from "~/web/cooperative.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { origin } = await requireCooperative(request, context);
  const body = ["User-agent: *", "Allow: /", "Disallow: /api/", "Disallow: /locale", "", `Sitemap: ${origin}/sitemap.xml`, ""].join("\n");
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=86400" } });
}
