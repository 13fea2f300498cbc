import { and, eq } from "drizzle-orm";
import type { Db } from "~db/client";
import { memberUsers, staffRoles } from "~db/schema";
import type { Actor, StaffRole } from "./access";
import { findSession } from "./sessions.server";

/**
 * Who holds a session token in a cooperative: a guest without a live session, else the user with their staff roles
 * and the member business they work for there. Works from a token however it arrived (a cookie, a job, a test).
 */
export async function loadActor(db: Db, cooperativeId: string, sessionToken: string | undefined): Promise<Actor> {
  const found = sessionToken ? await findSession(db, sessionToken) : undefined;
  if (!found) return { kind: "guest" };
  const [roles, memberships] = await Promise.all([
    db
      .select({ role: staffRoles.role })
      .from(staffRoles)
      .where(and(eq(staffRoles.cooperativeId, cooperativeId), eq(staffRoles.userId, found.user.id))),
    db
      .select({ memberId: memberUsers.memberId, role: memberUsers.role })
      .from(memberUsers)
      .where(and(eq(memberUsers.cooperativeId, cooperativeId), eq(memberUsers.userId, found.user.id)))
      .limit(1),
  ]);
  return {
    kind: "user",
    userId: found.user.id,
    email: found.user.email,
    name: found.user.name,
    isOperator: found.user.isOperator,
    staffRoles: roles.map((row) => row.role as StaffRole),
    member: memberships[0] ?? null,
  };
}
