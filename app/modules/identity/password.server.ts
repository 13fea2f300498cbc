import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * scrypt from node:crypto (memory-hard, no native add-on) at one of OWASP's equivalent settings: N=2^15, r=8,
 * p=3 (32 MiB each, ~180 ms here), rather than N=2^17, p=1, which needs 128 MiB per sign-in and would let a
 * burst of sign-ins take gigabytes. Hashes with other parameters are re-made at the next sign-in.
 */
const STRONG = { N: 32768, r: 8, p: 3 };
/**
 * Test shops and test runs only (decision 41): ETALASE_TEST_FAST_PASSWORD_HASH=1 hashes at N=2^10, r=8, p=1
 * (1 MiB, about 1 ms), since hundreds of sign-ins per test run spent minutes of both cores in scrypt. `npm start`
 * never sets it; unset, every hash is made at the strong parameters above (a unit test holds that).
 */
const TEST_ONLY_FAST = { N: 1024, r: 8, p: 1 };
export const FAST_PASSWORD_HASH_VARIABLE = "ETALASE_TEST_FAST_PASSWORD_HASH";

/** The parameters new hashes are made with. */
export function passwordHashParameters(): { N: number; r: number; p: number } {
  return process.env[FAST_PASSWORD_HASH_VARIABLE] === "1" ? TEST_ONLY_FAST : STRONG;
}
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
  const { N, r, p } = passwordHashParameters();
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N, r, p, maxmem: MAX_MEMORY });
  return ["scrypt", N, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** Whether a stored hash was made with other parameters than today's (re-hash it after a successful sign-in). */
export function needsRehash(stored: string): boolean {
  const [scheme, n, rr, pp] = stored.split("$");
  const { N, r, p } = passwordHashParameters();
  return scheme !== "scrypt" || Number(n) !== N || Number(rr) !== r || Number(pp) !== p;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) {
    // Same work for unknown accounts, so timing does not tell which e-mails exist.
    const { N, r, p } = passwordHashParameters();
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
