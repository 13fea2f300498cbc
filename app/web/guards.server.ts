import { redirect, type AppLoadContext } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { memberUsers, staffRoles as staffRolesTable } from "~db/schema";
import { httpError } from "~/lib/http.server";
import { sessionCookie } from "~/lib/session-cookie.server";
import type { Cooperative } from "~/modules/tenancy/cooperative.server";
import { requireCooperative } from "~/web/cooperative.server";
import { can, type Ability, type Actor, type StaffRole } from "~/modules/identity/access";
import { findSession } from "~/modules/identity/sessions.server";

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
    pending = loadActor(request, context);
    perRequest.set(request, pending);
  }
  return pending;
}

async function loadActor(request: Request, context: AppLoadContext): Promise<RequestActor> {
  const cooperative = await requireCooperative(request, context);
  const token = await readSessionToken(request);
  const found = token ? await findSession(context.db, token) : undefined;
  if (!found || !token) return { cooperative, actor: { kind: "guest" } };
  const [roles, memberships] = await Promise.all([
    context.db
      .select({ role: staffRolesTable.role })
      .from(staffRolesTable)
      .where(and(eq(staffRolesTable.cooperativeId, cooperative.id), eq(staffRolesTable.userId, found.user.id))),
    context.db
      .select({ memberId: memberUsers.memberId, role: memberUsers.role })
      .from(memberUsers)
      .where(and(eq(memberUsers.cooperativeId, cooperative.id), eq(memberUsers.userId, found.user.id)))
      .limit(1),
  ]);
  return {
    cooperative,
    sessionToken: token,
    actor: {
      kind: "user",
      userId: found.user.id,
      email: found.user.email,
      name: found.user.name,
      isOperator: found.user.isOperator,
      staffRoles: roles.map((row) => row.role as StaffRole),
      member: memberships[0] ?? null,
    },
  };
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
