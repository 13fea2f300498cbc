import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~db/client";
import { categories, members } from "~db/schema";
import { percentToBasisPoints } from "~/lib/percent";
import type { ErrorTable, Refused } from "~/lib/results";
import { recordAudit } from "~/modules/audit/audit.server";

export const feeErrors = {
  not_found: { status: 404, message: "fees.error.notFound" },
} satisfies ErrorTable;
export type FeeError = keyof typeof feeErrors;

/** One override: a category or a member business, and its rate as typed ("7,5"); empty removes the override. */
export const feeOverrideSchema = z.object({
  target: z.enum(["category", "member"], { message: "error.badRequest.body" }),
  id: z.string().uuid("fees.error.notFound"),
  rate: z
    .string()
    .trim()
    .max(8, "fees.error.rate")
    .refine(
      (value) => value === "" || percentToBasisPoints(value) !== null,
      "fees.error.rate"
    )
    .transform((value) => (value === "" ? null : percentToBasisPoints(value))),
});
export type FeeOverrideInput = z.output<typeof feeOverrideSchema>;

export interface FeeOverrides {
  cooperativeBp: number;
  categories: {
    id: string;
    nameId: string;
    nameEn: string;
    feeRateBp: number | null;
  }[];
  members: {
    id: string;
    businessName: string;
    memberNumber: string;
    feeRateBp: number | null;
  }[];
}

/** The cooperative's default fee and every category's and member business's override (null: none). */
export async function feeOverrides(
  db: Db,
  cooperativeId: string
): Promise<FeeOverrides | undefined> {
  const [cooperative] = await db.execute<{ fee_rate_bp: number }>(
    sql`select fee_rate_bp from cooperatives where id = ${cooperativeId}`
  );
  if (!cooperative) return undefined;
  const [categoryRows, memberRows] = await Promise.all([
    db
      .select({
        id: categories.id,
        nameId: categories.nameId,
        nameEn: categories.nameEn,
        feeRateBp: categories.feeRateBp,
      })
      .from(categories)
      .where(eq(categories.cooperativeId, cooperativeId))
      .orderBy(asc(categories.position), asc(categories.nameId)),
    db
      .select({
        id: members.id,
        businessName: members.businessName,
        memberNumber: members.memberNumber,
        feeRateBp: members.feeRateBp,
      })
      .from(members)
      .where(eq(members.cooperativeId, cooperativeId))
      .orderBy(asc(members.businessName)),
  ]);
  return {
    cooperativeBp: cooperative.fee_rate_bp,
    categories: categoryRows,
    members: memberRows,
  };
}

/**
 * Sets or removes one override, audited before and after, in one transaction. Applies to orders placed from now
 * on: each order line keeps the rate it was sold at.
 */
export async function setFeeOverride(
  db: Db,
  input: FeeOverrideInput & {
    cooperativeId: string;
    actorUserId: string;
    ipAddress?: string;
  }
): Promise<{ ok: true; changed: boolean } | Refused<FeeError>> {
  return db.transaction(async (tx) => {
    const table = input.target === "category" ? categories : members;
    const where = and(
      eq(table.cooperativeId, input.cooperativeId),
      eq(table.id, input.id)
    );
    const [current] = await tx
      .select({ feeRateBp: table.feeRateBp })
      .from(table)
      .where(where)
      .for("update");
    if (!current) return { ok: false as const, error: "not_found" as const };
    if (current.feeRateBp === input.rate)
      return { ok: true as const, changed: false };
    await tx.update(table).set({ feeRateBp: input.rate }).where(where);
    await recordAudit(tx, {
      cooperativeId: input.cooperativeId,
      actorUserId: input.actorUserId,
      action: "fee.override_changed",
      entityType: input.target === "category" ? "category" : "member",
      entityId: input.id,
      before: { feeRateBp: current.feeRateBp },
      after: { feeRateBp: input.rate },
      ipAddress: input.ipAddress,
    });
    return { ok: true as const, changed: true };
  });
}
