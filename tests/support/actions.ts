import type { ActionFunctionArgs } from "@remix-run/node";
import { staffRoles, users } from "../../db/schema";
import { sessionCookie } from "~/lib/session-cookie.server";
import type { StaffRole } from "~/modules/identity/access";
import { createSession } from "~/modules/identity/sessions.server";
import type { TestDatabase } from "./database";

/** A staff user of a cooperative with a signed session cookie, as a browser would send it. */
export async function staffWithCookie(database: TestDatabase, cooperativeId: string, email: string, role: StaffRole) {
  const [user] = await database.db.insert(users).values({ email }).returning();
  await database.db.insert(staffRoles).values({ cooperativeId, userId: user!.id, role });
  const cookie = await sessionCookie().serialize(await createSession(database.db, user!.id, { userAgent: "test", ipAddress: "203.0.113.9" }));
  return { userId: user!.id, cookie };
}

/** Posts a form to a route's action as the browser would, with a session cookie. */
export function postToAction(database: TestDatabase, action: (args: ActionFunctionArgs) => unknown, url: string, fields: Record<string, string>, cookie: string) {
  return action({
    request: new Request(url, { method: "POST", body: new URLSearchParams(fields), headers: { Cookie: cookie } }),
    context: { db: database.db, mediaRoot: database.mediaRoot, clientIp: "203.0.113.9" },
    params: {},
  }) as Promise<unknown>;
}

/** What an action answered: a redirect's status and location, or a refusal's status and field messages. */
export function actionOutcome(answer: unknown) {
  return answer instanceof Response
    ? { status: answer.status, location: answer.headers.get("Location") }
    : { status: (answer as { init?: { status?: number } }).init?.status, errors: (answer as { data?: { errors?: Record<string, string> } }).data?.errors };
}
