import { describe, expect, it } from "vitest";
import { freshNonce } from "../../server/edge/security-headers";

describe("script nonces", () => {
  it("are 16 random bytes each, never repeated, across refills of their pool", () => {
    const nonces = Array.from({ length: 1000 }, () => freshNonce());
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
