import type { Db } from "~db/client";
import { env } from "~/lib/env.server";
import { sessionCookie } from "~/lib/session-cookie.server";
import { loadActor } from "~/modules/identity/actor.server";
import { cooperativeForHost } from "~/modules/tenancy/cooperative.server";
import { KEPT_PAGE_LEVEL, type DocumentGzip } from "../edge/document-gzip";
import type { PageCache } from "./page-cache";
import type { ShopPages } from "./serve";

/** The page cache wired to the shop's own rules: which host is which shop, and who works in its back office. */
export function shopPages(db: Db, cache: PageCache, policyFor: ShopPages["policyFor"], documents: DocumentGzip): ShopPages {
  return {
    cache,
    policyFor,
    gzip: (body) => documents.gzip(body, KEPT_PAGE_LEVEL),
    cooperativeOf: async (host) => {
      const match = await cooperativeForHost(db, host, env().DEFAULT_COOPERATIVE);
      return match.kind === "shop" ? match.cooperative.id : undefined;
    },
    worksHere: async (cookieHeader, cooperativeId) => {
      const token: unknown = await sessionCookie().parse(cookieHeader);
      if (typeof token !== "string") return false;
      const actor = await loadActor(db, cooperativeId, token);
      return actor.kind === "user" && (actor.staffRoles.length > 0 || actor.member !== null || actor.isOperator);
    },
  };
}
