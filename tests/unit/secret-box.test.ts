import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/lib/env.server";
import { decodeSecretsKey, openSecret, sealSecret, SecretBoxError } from "~/lib/secret-box.server";
import { loadSecretsKey } from "~/lib/secrets-key.server";

const key = randomBytes(32);

describe("the secret box", () => {
  it("opens what it sealed, with a fresh IV each time, in a versioned base64url text", () => {
    const secret = "SB-Mid-server-GwUP_WGbJPXsDzsNEBRs8IYA · Rp 15.000 · ñ";
    const first = sealSecret(key, secret, "purpose");
    const second = sealSecret(key, secret, "purpose");
    expect(first).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain("GwUP");
    expect(openSecret(key, first, "purpose")).toBe(secret);
    expect(openSecret(key, second, "purpose")).toBe(secret);
    expect(openSecret(key, sealSecret(key, ""))).toBe("");
  });

  it("refuses a changed byte anywhere: IV, tag or ciphertext", () => {
    const sealed = sealSecret(key, "sk_test_51HxAbCdEfGhIjKlMnOp");
    const parts = sealed.split(".");
    for (const index of [1, 2, 3]) {
      const bytes = Buffer.from(parts[index]!, "base64url");
      bytes[0]! ^= 0x01;
      const tampered = parts.map((part, i) => (i === index ? bytes.toString("base64url") : part)).join(".");
      expect(() => openSecret(key, tampered)).toThrow(SecretBoxError);
    }
  });

  it("refuses another key, another purpose, and text that is not a sealed secret", () => {
    const sealed = sealSecret(key, "whsec_abcdefghijklmnop", "provider_accounts:a:stripe");
    expect(() => openSecret(randomBytes(32), sealed, "provider_accounts:a:stripe")).toThrow(SecretBoxError);
    expect(() => openSecret(key, sealed, "provider_accounts:b:stripe")).toThrow(SecretBoxError);
    for (const bad of ["", "v1", "v2" + sealed.slice(2), sealed + ".x", sealed.replace(/\.[^.]+\./, ".%%%."), "v1.AAAA.BBBB.CCCC"]) {
      expect(() => openSecret(key, bad, "provider_accounts:a:stripe"), bad).toThrow(SecretBoxError);
    }
    expect(() => sealSecret(randomBytes(16), "x")).toThrow(SecretBoxError);
  });
});

describe("SECRETS_KEY", () => {
  const raw = randomBytes(32);

  it("is 64 hex characters or 32 bytes of base64 or base64url, with or without padding", () => {
    for (const text of [raw.toString("hex"), raw.toString("hex").toUpperCase(), raw.toString("base64"), raw.toString("base64url"), ` ${raw.toString("base64")}\n`]) {
      expect(decodeSecretsKey(text)?.equals(raw), text).toBe(true);
    }
    for (const bad of ["", "x".repeat(32), raw.toString("hex").slice(2), randomBytes(33).toString("base64"), randomBytes(31).toString("base64"), `${raw.toString("base64url")}==`, "g".repeat(64)]) {
      expect(decodeSecretsKey(bad), bad).toBeNull();
    }
  });

  it("is checked at start with a line naming it; unset is allowed even in production with a database", () => {
    expect(() => parseEnv({ SECRETS_KEY: "too-short" })).toThrow(EnvError);
    expect(() => parseEnv({ SECRETS_KEY: "too-short" })).toThrow(/^Invalid configuration:\n {2}SECRETS_KEY: must be 32 bytes/);
    expect(parseEnv({ SECRETS_KEY: raw.toString("hex") }).SECRETS_KEY).toBe(raw.toString("hex"));
    const production = { NODE_ENV: "production", DATABASE_URL: "postgres://db/shop", SESSION_SECRET: "s".repeat(32) };
    expect(parseEnv(production).SECRETS_KEY).toBeUndefined();
  });

  it("comes from the variable; else is made once into the data folder; in production with a database there is none", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "etalase-secrets-"));
    try {
      expect(loadSecretsKey({ NODE_ENV: "production", DATABASE_URL: "postgres://db/shop", SECRETS_KEY: raw.toString("base64"), dataDir })?.equals(raw)).toBe(true);
      expect(loadSecretsKey({ NODE_ENV: "production", DATABASE_URL: "postgres://db/shop", SECRETS_KEY: undefined, dataDir })).toBeNull();
      expect(fs.readdirSync(dataDir)).toEqual([]);

      const generated = loadSecretsKey({ NODE_ENV: "development", DATABASE_URL: undefined, SECRETS_KEY: undefined, dataDir });
      expect(generated).toHaveLength(32);
      expect(fs.statSync(path.join(dataDir, "secrets-key")).mode & 0o777).toBe(0o600);
      // The embedded demo under `npm start` (production build, no DATABASE_URL) keeps the same key.
      expect(loadSecretsKey({ NODE_ENV: "production", DATABASE_URL: undefined, SECRETS_KEY: undefined, dataDir })?.equals(generated!)).toBe(true);

      fs.writeFileSync(path.join(dataDir, "secrets-key"), "not a key");
      expect(() => loadSecretsKey({ NODE_ENV: "development", DATABASE_URL: undefined, SECRETS_KEY: undefined, dataDir })).toThrow(/does not hold a 32-byte key/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
