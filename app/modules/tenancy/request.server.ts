import type { AppLoadContext } from "@remix-run/node";
import { env } from "~/lib/env.server";
import { httpError } from "~/lib/http.server";
import { cooperativeForHost, type Cooperative } from "./cooperative.server";

export async function requireCooperative(request: Request, context: AppLoadContext): Promise<Cooperative> {
  const host = new URL(request.url).host;
  const cooperative = await cooperativeForHost(context.db, host, env().DEFAULT_COOPERATIVE);
  if (!cooperative) throw httpError(404, "error.noCooperative");
  return cooperative;
}
