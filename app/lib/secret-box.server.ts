import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * A box for secrets kept in the database (docs/decisions/0021): AES-256-GCM with a 32-byte key, a random
 * 96-bit IV per seal, and the 128-bit tag checked on opening, so a changed byte, a wrong key or text sealed
 * for another purpose is refused, never read as something else. Pure: the key is passed in
 * (`secretsKey()` in ./secrets-key.server gives the deployment's).
 *
 * Sealed text is versioned and self-describing: `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
 */

const VERSION = "v1";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const base64url = /^[A-Za-z0-9_-]*$/;

/** Sealed text that cannot be opened: malformed, changed, sealed with another key or for another purpose. */
export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

/**
 * A 32-byte key as written in SECRETS_KEY: 64 hex characters, or 43/44 characters of base64 or base64url
 * (`openssl rand -hex 32`, `openssl rand -base64 32`). Null for anything else.
 */
export function decodeSecretsKey(text: string): Buffer | null {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, "hex");
  // 43 characters carry 258 bits: 32 bytes and 2 spare bits; a 44th may only be the padding.
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const key = Buffer.from(value.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    return key.length === KEY_BYTES ? key : null;
  }
  return null;
}

/**
 * Seals a UTF-8 string. `purpose` (associated data, not secret, not stored) ties the sealed text to where it
 * belongs, e.g. one cooperative's Midtrans account: opened for another purpose, it fails.
 */
export function sealSecret(key: Buffer, plaintext: string, purpose = ""): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(purpose, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** Opens what `sealSecret` sealed with the same key and purpose; throws `SecretBoxError` otherwise. */
export function openSecret(key: Buffer, sealed: string, purpose = ""): string {
  checkKey(key);
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION || !parts.slice(1).every((part) => base64url.test(part))) {
    throw new SecretBoxError("Not a sealed secret of a known version");
  }
  const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, "base64url")) as [Buffer, Buffer, Buffer];
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError("A sealed secret with a malformed IV or tag");
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(purpose, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("The sealed secret was changed, or sealed with another key or for another purpose");
  }
}

function checkKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) throw new SecretBoxError(`A secrets key is ${KEY_BYTES} bytes`);
}
