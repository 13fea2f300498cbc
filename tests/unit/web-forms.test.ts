import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseForm } from "~/web/forms.server";

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
