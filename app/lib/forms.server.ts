import type { z } from "zod";
import { id as messages } from "./i18n/messages.id";

/** Every text field of a form, as typed (to fill the form again after an error). */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string" && key !== "password" && !key.endsWith("Password")) values[key] = value;
  return values;
}

export type FieldErrors = Record<string, string>;

/**
 * Field errors from a zod error whose messages are message keys. A message that is not a key (zod's own,
 * from a schema that forgot to name one, e.g. for a field missing from a hand-made post) becomes the
 * generic "check this field", so a person never reads zod's English.
 */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    errors[key] ??= issue.message in messages ? issue.message : "form.error.invalid";
  }
  return errors;
}
