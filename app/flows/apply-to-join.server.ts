import type { Db } from "~db/client";
import { allOrNothing, type ErrorTable, type Refused } from "~/lib/results";
import { applicationsPerAddress, applicationsPerEmail, applicationsPerPhone, hit, type Limit } from "~/modules/identity/rate-limit.server";
import { submitApplication, type ApplicationFields } from "~/modules/membership/applications.server";

export const applyToJoinErrors = {
  too_many_from_address: { status: 429, message: "joining.error.tooManyNetwork" },
  too_many_for_person: { status: 429, message: "joining.error.tooManyPerson" },
} satisfies ErrorTable;

export type ApplyToJoinResult =
  | { ok: true; applicationId: string }
  | (Refused<keyof typeof applyToJoinErrors> & { retryAfterMinutes: number });

/**
 * An applicant's checked application is recorded (with its "received" e-mail) under fair limits: only accepted
 * applications count, per address (generous: a cooperative's Wi-Fi or a carrier's shared address), per e-mail and
 * per phone. The counts are taken in the same transaction as the application, so an application over a limit (or
 * one that fails) leaves neither the application nor a count behind; the refusal says how long to wait.
 */
export async function applyToJoin(
  db: Db,
  input: { cooperative: { id: string; name: string }; clientIp: string; fields: ApplicationFields },
): Promise<ApplyToJoinResult> {
  return allOrNothing(db, async (tx): Promise<ApplyToJoinResult> => {
    const scope = `apply:${input.cooperative.id}`;
    const counted = async (key: string, limit: Limit) => ({ limit, state: await hit(tx, key, limit) });
    const [address, email, phone] = [
      await counted(`${scope}:address:${input.clientIp}`, applicationsPerAddress),
      await counted(`${scope}:email:${input.fields.email}`, applicationsPerEmail),
      await counted(`${scope}:phone:${input.fields.phone}`, applicationsPerPhone),
    ];
    const over = (entry: typeof address) => entry.state.hits > entry.limit.limit;
    const person = [email, phone].filter(over);
    if (person.length > 0) return { ok: false, error: "too_many_for_person", retryAfterMinutes: waitMinutes(person) };
    if (over(address)) return { ok: false, error: "too_many_from_address", retryAfterMinutes: waitMinutes([address]) };
    const applicationId = await submitApplication(tx, input.cooperative, input.fields);
    return { ok: true, applicationId };
  });
}

function waitMinutes(entries: { state: { retryAfterSeconds: number } }[]): number {
  return Math.max(1, Math.ceil(Math.max(...entries.map((entry) => entry.state.retryAfterSeconds)) / 60));
}
