import { data } from "@remix-run/node";
import type { z } from "zod";
import type { Db } from "~db/client";
import { FORM_TOKEN_FIELD, formContent, submitOnce, unclaimedMessage, type SubmissionKey } from "~/lib/form-token.server";
import { fieldErrors, formValues, type FieldErrors } from "~/lib/forms.server";
import type { ErrorTable, RefusalAnswer, RefusalStatus } from "~/lib/results";

/** A 4xx (422 by default) with the field errors and what was typed: the form renders again, nothing written. */
export function invalid(formData: FormData, errors: FieldErrors, status: RefusalStatus = 422) {
  return data({ ok: false as const, errors, values: formValues(formData) }, { status });
}

export type InvalidAnswer = ReturnType<typeof invalid>;

export type ParsedForm<T> = { ok: true; data: T } | { ok: false; answer: InvalidAnswer };

/**
 * A form's fields read with its schema (whose messages are message keys): the data, or the 422 that shows each
 * field's error and what was typed. `const form = parseForm(schema, formData); if (!form.ok) return form.answer;`
 */
export function parseForm<Schema extends z.ZodType>(schema: Schema, formData: FormData): ParsedForm<z.output<Schema>> {
  const parsed = schema.safeParse(Object.fromEntries(formData));
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, answer: invalid(formData, fieldErrors(parsed.error)) };
}

type FieldOf<Answer> = Answer extends { field: infer Field extends string } ? Field : "form";
type RefusedData<Answer extends RefusalAnswer, Details> = {
  ok: false;
  errors: { [Field in FieldOf<Answer>]: Answer["message"] };
  values: Record<string, string>;
} & Details;

/**
 * The answer to a module's refusal, from its error table: the status, and the message at its field with what was
 * typed. `details` go along for the page (the minutes to wait, say).
 */
export function refused<Table extends ErrorTable<string>, Code extends keyof Table & string, Details extends object = Record<never, never>>(
  formData: FormData,
  table: Table,
  error: Code,
  details?: Details,
) {
  const { status, message, field = "form" } = table[error]!;
  const answer = { ok: false, errors: { [field]: message }, values: formValues(formData), ...details } as RefusedData<Table[Code], Details>;
  return data(answer, { status });
}

/**
 * The answer to a post whose one-time token could not be claimed: still being handled (409), already sent with other
 * values (409), or missing or stale (400).
 */
export function unclaimed(formData: FormData, state: "busy" | "changed" | "invalid") {
  const { messageKey, status } = unclaimedMessage(state);
  return invalid(formData, { form: messageKey }, status);
}

/**
 * A form sent once (decision 15): `work` runs for the first post of the form's token, in a transaction that keeps
 * its answer for any repeat (`submitOnce`); a post of the same token with other values is refused (`changed`), not
 * answered as a repeat. Answers the result, or what to send back: the work's refusal, or the
 * unclaimed token's message. `const sent = await submitFormOnce(...); if (!sent.ok) return sent.answer;`
 */
export async function submitFormOnce<T, R>(
  db: Db,
  key: SubmissionKey,
  formData: FormData,
  work: (tx: Db) => Promise<{ done: T } | { refused: R }>,
): Promise<{ ok: true; result: T } | { ok: false; answer: R | InvalidAnswer }> {
  const sent = await submitOnce(db, key, formData.get(FORM_TOKEN_FIELD), work, { content: formContent(formData) });
  if (sent.state === "done") return { ok: true, result: sent.result };
  return { ok: false, answer: sent.state === "refused" ? sent.answer : unclaimed(formData, sent.state) };
}

/**
 * A form that changes one of the cooperative's rows (its `id` field) or adds one: a change is saved as it comes, an
 * add is sent once (`submitFormOnce` under `key`), so a double tap adds nothing more. Answers done, or what to send back.
 */
export async function saveOrAddOnce<T, R>(
  db: Db,
  key: SubmissionKey,
  formData: FormData,
  save: (db: Db, id?: string) => Promise<{ done: T } | { refused: R }>,
): Promise<{ ok: true } | { ok: false; answer: R | InvalidAnswer }> {
  const id = formData.get("id");
  if (typeof id === "string" && id !== "") {
    const changed = await save(db, id);
    return "refused" in changed ? { ok: false, answer: changed.refused } : { ok: true };
  }
  const added = await submitFormOnce(db, key, formData, (tx) => save(tx));
  return added.ok ? { ok: true } : added;
}
