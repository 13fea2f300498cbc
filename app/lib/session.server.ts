import { redirect } from "@remix-run/node";
import { safeRedirectPath } from "./safe-redirect";
import { sessionCookie } from "./session-cookie.server";

/** Sets the session cookie and goes on (to a same-site path only). */
export async function redirectSignedIn(token: string, to: FormDataEntryValue | string | null, fallback = "/account") {
  return redirect(safeRedirectPath(to, fallback), {
    headers: { "Set-Cookie": await sessionCookie().serialize(token) },
  });
}

export async function clearSessionCookie(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0 });
}
