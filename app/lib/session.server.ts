import { randomBytes } from "node:crypto";
import { redirect } from "@remix-run/node";
import { safeRedirectPath } from "./safe-redirect";
import { SIGNED_IN_HINT } from "./signed-in-hint";
import { sessionCookie } from "./session-cookie.server";

/** Sets the session cookie and goes on (to a same-site path only). */
export async function redirectSignedIn(token: string, to: FormDataEntryValue | string | null, fallback = "/account") {
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionCookie().serialize(token));
  headers.append("Set-Cookie", `${SIGNED_IN_HINT}=${randomBytes(6).toString("base64url")}; Path=/; Max-Age=${30 * 86_400}; SameSite=Lax`);
  return redirect(safeRedirectPath(to, fallback), { headers });
}

/** The Set-Cookie headers that end the session here (the session and its hint). */
export async function clearSessionCookies(): Promise<string[]> {
  return [await sessionCookie().serialize("", { maxAge: 0 }), `${SIGNED_IN_HINT}=; Path=/; Max-Age=0; SameSite=Lax`];
}
