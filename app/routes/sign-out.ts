import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clearSessionCookies } from "~/lib/session.server";
import { getActor } from "~/web/guards.server";
import { revokeSession, sessionIdHash } from "~/modules/identity/sessions.server";

/** Ends this browser's session (a POST: links and prefetching never sign anyone out). */
export async function action({ request, context }: ActionFunctionArgs) {
  const { actor, sessionToken } = await getActor(request, context);
  if (actor.kind === "user" && sessionToken) await revokeSession(context.db, actor.userId, sessionIdHash(sessionToken));
  const headers = new Headers();
  for (const cookie of await clearSessionCookies()) headers.append("Set-Cookie", cookie);
  return redirect("/", { headers });
}

export function loader() {
  return redirect("/");
}
