import { redirect, type AppLoadContext } from "@remix-run/node";
import { env } from "~/lib/env.server";
import { httpError } from "~/lib/http.server";
import { cooperativeForHost, type Cooperative } from "~/modules/tenancy/cooperative.server";

/**
 * The cooperative whose shop a request is for. The Host header only chooses among configured shops (the
 * server drops X-Forwarded-Host unless TRUST_PROXY is set); an unknown host is sent to the default shop's own
 * address or gets a 404.
 */
export async function requireCooperative(request: Request, context: AppLoadContext): Promise<Cooperative> {
  const url = new URL(request.url);
  const match = await cooperativeForHost(context.db, url.host, env().DEFAULT_COOPERATIVE);
  if (match.kind === "shop") return match.cooperative;
  if (match.kind === "elsewhere" && (request.method === "GET" || request.method === "HEAD")) {
    throw redirect(`${match.origin}${url.pathname}${url.search}`, 302);
  }
  throw httpError(404, "error.noCooperative");
}
