import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseForm, refused } from "~/web/forms.server";

const form = (fields: Record<string, string>) => {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) formData.set(name, value);
  return formData;
};

describe("parseForm", () => {
  const schema = z.object({ email: z.email({ error: "auth.error.email" }), password: z.string().min(8, "auth.error.passwordLength") });

  it("gives the schema's data", () => {
    expect(parseForm(schema, form({ email: "siti@example.com", password: "rahasia-sekali" }))).toEqual({ ok: true, data: { email: "siti@example.com", password: "rahasia-sekali" } });
  });

  it("answers a 422 with each field's message key and what was typed, never the password", () => {
    const parsed = parseForm(schema, form({ email: "siti", password: "pendek" }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.answer.init?.status).toBe(422);
    expect(parsed.answer.data).toEqual({ ok: false, errors: { email: "auth.error.email", password: "auth.error.passwordLength" }, values: { email: "siti" } });
  });
});

describe("refused", () => {
  it("answers a module's refusal from its error table: the status, the message at its field, what was typed", async () => {
    const { inventoryErrors } = await import("~/modules/inventory/stock.server");
    const answer = refused(form({ variant: "v1", delta: "-9", reason: "damaged" }), inventoryErrors, "insufficient");
    expect(answer.init?.status).toBe(409);
    expect(answer.data).toEqual({ ok: false, errors: { delta: "stock.error.belowZero" }, values: { variant: "v1", delta: "-9", reason: "damaged" } });
  });

  it("puts a refusal without a field on the whole form, with the details the page needs", async () => {
    const { identityErrors } = await import("~/modules/identity/errors");
    const answer = refused(form({ email: "rina@example.test", password: "salah" }), identityErrors, "locked", { retryAfterMinutes: 12 });
    expect(answer.init?.status).toBe(429);
    expect(answer.data).toEqual({ ok: false, errors: { form: "auth.error.locked" }, values: { email: "rina@example.test" }, retryAfterMinutes: 12 });
  });
});
