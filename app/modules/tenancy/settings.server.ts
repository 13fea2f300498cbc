import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { parseRupiah } from "~/lib/money";
import type { Db } from "~db/client";
import { cooperatives } from "~db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { forgetCachedCooperative } from "./cooperative.server";
import { fieldErrors } from "~/lib/forms.server";
import { findBank, isValidAccountNumber, normalizeAccountNumber } from "~/lib/indonesia/banks";
import { settingsFormSchema, type SettingsForm } from "./settings-form";

/** The settings a manager edits, in the shape of the form after checking. */
export type CooperativeSettings = SettingsForm;

const settingsColumns = {
  name: cooperatives.name,
  legalName: cooperatives.legalName,
  taglineId: cooperatives.taglineId,
  taglineEn: cooperatives.taglineEn,
  storyId: cooperatives.storyId,
  storyEn: cooperatives.storyEn,
  address: cooperatives.address,
  postalCode: cooperatives.postalCode,
  phone: cooperatives.phone,
  email: cooperatives.email,
  feeRateBp: cooperatives.feeRateBp,
  payoutHoldDays: cooperatives.payoutHoldDays,
  orderExpiryHours: cooperatives.orderExpiryHours,
  reviewSkipPricePct: cooperatives.reviewSkipPricePct,
  handoverDays: cooperatives.handoverDays,
  completeAfterDays: cooperatives.completeAfterDays,
  returnWindowDays: cooperatives.returnWindowDays,
  vatRegistered: cooperatives.vatRegistered,
  bankName: cooperatives.bankName,
  bankAccountNumber: cooperatives.bankAccountNumber,
  bankAccountHolder: cooperatives.bankAccountHolder,
};

/**
 * Checks the settings form: every field, and the account number's length for the chosen bank even when
 * other fields are wrong (a zod object refinement would wait for them), so every problem is named at once.
 */
export function readSettingsForm(values: Record<string, unknown>): { ok: true; settings: CooperativeSettings } | { ok: false; errors: Record<string, string> } {
  const parsed = settingsFormSchema.safeParse(values);
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  const bankCode = typeof values.bankCode === "string" ? values.bankCode : "";
  const accountNumber = normalizeAccountNumber(typeof values.bankAccountNumber === "string" ? values.bankAccountNumber : "");
  if (findBank(bankCode) && !isValidAccountNumber(bankCode, accountNumber)) errors.bankAccountNumber ??= "apply.error.bankAccountNumber";
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, settings: parsed.data };
}

export async function getCooperativeSettings(db: Db, cooperativeId: string): Promise<CooperativeSettings | undefined> {
  const [row] = await db.select(settingsColumns).from(cooperatives).where(eq(cooperatives.id, cooperativeId));
  return row;
}

/**
 * Saves the settings and audits what changed, field by field, before and after, in one transaction.
 * The row is locked while it is compared, so two managers saving at once each audit a true "before".
 * Fee and hold-day changes apply to orders placed after the change: order lines keep their own rate.
 */
export async function updateCooperativeSettings(
  db: Db,
  input: { cooperativeId: string; actorUserId: string; ipAddress?: string; settings: CooperativeSettings },
): Promise<{ changed: (keyof CooperativeSettings)[] }> {
  const result = await db.transaction(async (tx) => {
    const [current] = await tx.select(settingsColumns).from(cooperatives).where(eq(cooperatives.id, input.cooperativeId)).for("update");
    if (!current) return { changed: [] };
    const changed = (Object.keys(settingsColumns) as (keyof CooperativeSettings)[]).filter((key) => current[key] !== input.settings[key]);
    if (changed.length === 0) return { changed };
    const pick = (source: CooperativeSettings) => Object.fromEntries(changed.map((key) => [key, source[key]]));
    await tx
      .update(cooperatives)
      .set({ ...pick(input.settings), updatedAt: sql`now()` })
      .where(eq(cooperatives.id, input.cooperativeId));
    await recordAudit(tx, {
      cooperativeId: input.cooperativeId,
      actorUserId: input.actorUserId,
      action: "cooperative.settings_changed",
      entityType: "cooperative",
      entityId: input.cooperativeId,
      before: pick(current),
      after: pick(input.settings),
      ipAddress: input.ipAddress,
    });
    return { changed };
  });
  if (result.changed.length > 0) forgetCachedCooperative(input.cooperativeId);
  return result;
}

/** The payout rules of a settlement run (decision 34): the smallest amount worth a transfer, and four eyes. */
export const payoutRulesSchema = z.object({
  payoutMinimum: z
    .string()
    .transform((value) => parseRupiah(value))
    .refine((value): value is number => value !== null && value >= 0 && value <= 100_000_000, "payoutRules.error.minimum"),
  payoutFourEyes: z.preprocess((value) => value === "on" || value === "true", z.boolean()),
});
export type PayoutRules = z.output<typeof payoutRulesSchema>;

export async function getPayoutRules(db: Db, cooperativeId: string): Promise<PayoutRules & { payoutHoldDays: number }> {
  const [row] = await db
    .select({ payoutMinimum: cooperatives.payoutMinimum, payoutFourEyes: cooperatives.payoutFourEyes, payoutHoldDays: cooperatives.payoutHoldDays })
    .from(cooperatives)
    .where(eq(cooperatives.id, cooperativeId));
  if (!row) throw new Error(`cooperative ${cooperativeId} not found`);
  return row;
}

/** Saves the payout rules, auditing what changed before and after, in one transaction (the row locked meanwhile). */
export async function updatePayoutRules(
  db: Db,
  input: { cooperativeId: string; actorUserId: string; ipAddress?: string; rules: PayoutRules },
): Promise<{ changed: (keyof PayoutRules)[] }> {
  const result = await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ payoutMinimum: cooperatives.payoutMinimum, payoutFourEyes: cooperatives.payoutFourEyes })
      .from(cooperatives)
      .where(eq(cooperatives.id, input.cooperativeId))
      .for("update");
    if (!current) return { changed: [] };
    const changed = (["payoutMinimum", "payoutFourEyes"] as const).filter((key) => current[key] !== input.rules[key]);
    if (changed.length === 0) return { changed };
    const pick = (source: PayoutRules) => Object.fromEntries(changed.map((key) => [key, source[key]]));
    await tx.update(cooperatives).set({ ...pick(input.rules), updatedAt: sql`now()` }).where(eq(cooperatives.id, input.cooperativeId));
    await recordAudit(tx, {
      cooperativeId: input.cooperativeId,
      actorUserId: input.actorUserId,
      action: "cooperative.payout_rules_changed",
      entityType: "cooperative",
      entityId: input.cooperativeId,
      before: pick(current),
      after: pick(input.rules),
      ipAddress: input.ipAddress,
    });
    return { changed: [...changed] };
  });
  if (result.changed.length > 0) forgetCachedCooperative(input.cooperativeId);
  return result;
}
