import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { env, type Env } from "./env.server";
import { decodeSecretsKey } from "./secret-box.server";

let cached: { key: Buffer | null } | undefined;

/**
 * The deployment's key for secrets stored in the database (cooperatives' payment provider keys), or null
 * when there is none. From SECRETS_KEY (checked at start); without it a key is generated once into DATA_DIR
 * for development and the embedded demo, as the session secret is. In production with an external database
 * there is no fallback: every app server must share the key, so without SECRETS_KEY nothing can be stored
 * or read (the settings page says so), and the shop runs on without per-cooperative provider keys.
 */
export function secretsKey(): Buffer | null {
  cached ??= { key: loadSecretsKey(env()) };
  return cached.key;
}

export function loadSecretsKey(config: Pick<Env, "NODE_ENV" | "DATABASE_URL" | "SECRETS_KEY" | "dataDir">): Buffer | null {
  if (config.SECRETS_KEY) return decodeSecretsKey(config.SECRETS_KEY);
  if (config.NODE_ENV === "production" && config.DATABASE_URL) return null;
  const file = path.join(config.dataDir, "secrets-key");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process of this machine wrote it first: use theirs.
      if ((error as { code?: unknown }).code !== "EEXIST") throw error;
    }
  }
  const key = decodeSecretsKey(fs.readFileSync(file, "utf8"));
  if (!key) throw new Error(`${file} does not hold a 32-byte key (base64url or hex); remove it only if no provider keys were stored with it.`);
  return key;
}
