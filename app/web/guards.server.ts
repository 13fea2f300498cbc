import { redirect, type AppLoadContext } from "@remix-run/node";
import { httpError } from "~/lib/http.server";
import { sessionCookie } from "~/lib/session-cookie.server";
import type { Cooperative } from "~/modules/tenancy/cooperative.server";
import { requireCooperative } from "~/web/cooperative.server";
import { can, type Ability, type Actor, type StaffRole } from "~/modules/identity/access";
import { loadActor } from "~/modules/identity/actor.server";

export interface RequestActor {
  cooperative: Cooperative;
  actor: Actor;
  /** The raw session token, when signed in (to keep this session when ending the others). */
  sessionToken?: string;
}

// Loaders of one request run in parallel and each needs the actor: work it out once per request.
const perRequest = new WeakMap<Request, Promise<RequestActor>>();

export function getActor(request: Request, context: AppLoadContext): Promise<RequestActor> {
  let pending = perRequest.get(request);
  if (!pending) {
    pending = actorOfRequest(request, context);
    perRequest.set(request, pending);
  }
  return pending;
}

async function actorOfRequest(request: Request, context: AppLoadContext): Promise<RequestActor> {
  const cooperative = await requireCooperative(request, context);
  const token = await readSessionToken(request);
  const actor = await loadActor(context.db, cooperative.id, token);
  return actor.kind === "user" ? { cooperative, actor, sessionToken: token } : { cooperative, actor };
}

async function readSessionToken(request: Request): Promise<string | undefined> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 20 ? value : undefined;
}

export type SignedIn = RequestActor & { actor: Extract<Actor, { kind: "user" }> };

/** Signed in, else to the sign-in page and back here afterwards. */
export async function requireUser(request: Request, context: AppLoadContext): Promise<SignedIn> {
  const found = await getActor(request, context);
  if (found.actor.kind !== "user") {
    const url = new URL(request.url);
    throw redirect(`/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return found as SignedIn;
}

/** Signed in with a staff role that grants the ability in this cooperative, else 403. */
export async function requireAbility(request: Request, context: AppLoadContext, ability: Ability): Promise<SignedIn> {
  const found = await requireUser(request, context);
  if (!can(found.actor, ability)) throw httpError(403, "error.forbidden.body");
  return found;
}

export async function requireStaff(request: Request, context: AppLoadContext): Promise<SignedIn> {
  return requireAbility(request, context, "staff.area");
}

export type MemberActor = SignedIn & { member: { memberId: string; role: "owner" | "helper" } };

/** Works for a member business of this cooperative, else 403. */
export async function requireMemberUser(request: Request, context: AppLoadContext): Promise<MemberActor> {
  const found = await requireUser(request, context);
  if (!found.actor.member) throw httpError(403, "error.forbidden.body");
  return { ...found, member: found.actor.member };
}

export async function requireOperator(request: Request, context: AppLoadContext): Promise<SignedIn> {
  const found = await requireUser(request, context);
  if (!found.actor.isOperator) throw httpError(403, "error.forbidden.body");
  return found;
}

export function hasRole(actor: Actor, role: StaffRole): boolean {
  return actor.kind === "user" && (actor.staffRoles.includes(role) || actor.staffRoles.includes("manager"));
}
