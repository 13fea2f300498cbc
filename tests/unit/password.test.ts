import { afterEach, describe, expect, it, vi } from "vitest";
import { FAST_PASSWORD_HASH_VARIABLE, hashPassword, needsRehash, passwordHashParameters, verifyPassword } from "~/modules/identity/password.server";

afterEach(() => vi.unstubAllEnvs());

describe("password hashing parameters", () => {
  it("are the strong ones (scrypt N=2^15, r=8, p=3) unless a test shop asks for fast ones", async () => {
    vi.stubEnv(FAST_PASSWORD_HASH_VARIABLE, "");
    expect(passwordHashParameters()).toEqual({ N: 32768, r: 8, p: 3 });
    const hash = await hashPassword("kata sandi rahasia");
    expect(hash).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(needsRehash(hash)).toBe(false);
    // Anything but "1" keeps the strong parameters.
    for (const value of ["0", "true", "yes", " 1"]) {
      vi.stubEnv(FAST_PASSWORD_HASH_VARIABLE, value);
      expect(passwordHashParameters(), value).toEqual({ N: 32768, r: 8, p: 3 });
    }
  });

  it("are cheap only for test shops, and a strong hash made in production still verifies there", async () => {
    vi.stubEnv(FAST_PASSWORD_HASH_VARIABLE, "");
    const strong = await hashPassword("kata sandi rahasia");
    vi.stubEnv(FAST_PASSWORD_HASH_VARIABLE, "1");
    const fast = await hashPassword("kata sandi rahasia");
    expect(fast).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword("kata sandi rahasia", fast)).toBe(true);
    expect(await verifyPassword("kata sandi rahasia", strong)).toBe(true);
    expect(await verifyPassword("kata sandi Rahasia", fast)).toBe(false);
    // Back in production, a cheap hash is re-made at the next sign-in.
    vi.stubEnv(FAST_PASSWORD_HASH_VARIABLE, "");
    expect(needsRehash(fast)).toBe(true);
  });
});
