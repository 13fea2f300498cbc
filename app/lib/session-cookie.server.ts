import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { createCookie, type Cookie } from "@remix-run/node";
import { env } from "./env.server";

let cookie: Cookie | undefined;

export const SESSION_COOKIE_NAME = "etalase_session";

/**
 * The session cookie: HttpOnly, SameSite=Lax, Secure in production, signed with SESSION_SECRET. Without
 * one, a secret is generated once into DATA_DIR (development and the embedded demo); an external database
 * in production needs SESSION_SECRET, or every server would sign with a different key.
 */
export function sessionCookie(): Cookie {
  if (cookie) return cookie;
  const config = env();
  cookie = createCookie(SESSION_COOKIE_NAME, {
    httpOnly: true,
    sameSite: "lax",
    secure: config.SECURE_COOKIES ?? (config.NODE_ENV === "production" && Boolean(config.DATABASE_URL)),
    path: "/",
    maxAge: 30 * 86_400,
    secrets: [config.SESSION_SECRET ?? localSecret(config)],
  });
  return cookie;
}

function localSecret(config: ReturnType<typeof env>): string {
  if (config.NODE_ENV === "production" && config.DATABASE_URL) {
    throw new Error("SESSION_SECRET is required in production with DATABASE_URL (at least 32 characters).");
  }
  const file = path.join(config.dataDir, "session-secret");
  if (!fs.existsSync(file)) {
    // Several app processes may start at once (`npm start` runs one a core): the secret is written whole under a
    // name of its own and linked into place, so the first link wins and nobody reads a half-written or second secret.
    fs.mkdirSync(config.dataDir, { recursive: true });
    const draft = `${file}.${process.pid}.${randomBytes(6).toString("hex")}`;
    fs.writeFileSync(draft, randomBytes(48).toString("base64url"), { mode: 0o600, flag: "wx" });
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  return fs.readFileSync(file, "utf8").trim();
}
