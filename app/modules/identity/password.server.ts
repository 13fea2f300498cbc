import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * scrypt from node:crypto (memory-hard, no native add-on) at one of OWASP's equivalent settings: N=2^15, r=8,
 * p=3 (32 MiB each, ~180 ms here), rather than N=2^17, p=1, which needs 128 MiB per sign-in and would let a
 * burst of sign-ins take gigabytes. Hashes with other parameters are re-made at the next sign-in.
 */
const N = 32768;
const r = 8;
const p = 3;
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-rules";

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url): parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N, r, p, maxmem: MAX_MEMORY });
  return ["scrypt", N, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** Whether a stored hash was made with other parameters than today's (re-hash it after a successful sign-in). */
export function needsRehash(stored: string): boolean {
  const [scheme, n, rr, pp] = stored.split("$");
  return scheme !== "scrypt" || Number(n) !== N || Number(rr) !== r || Number(pp) !== p;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) {
    // Same work for unknown accounts, so timing does not tell which e-mails exist.
    await derive(password, Buffer.alloc(16), { N, r, p, maxmem: MAX_MEMORY });
    return false;
  }
  const [scheme, n, rr, pp, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await derive(password, Buffer.from(salt, "base64url"), {
    N: Number(n),
    r: Number(rr),
    p: Number(pp),
    maxmem: MAX_MEMORY,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
