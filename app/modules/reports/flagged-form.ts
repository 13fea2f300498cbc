import { z } from "zod";
import { parseRupiah } from "~/lib/money";

/** The treasurer's resolution of a flagged payment, as the reconciliation page's form sends it (decision 35). */
export const flaggedResolutionSchema = z.object({
  paymentId: z.string().uuid("error.notFound.body"),
  resolution: z.enum(["refunded", "income"], { message: "reports.flagged.error.resolution" }),
  reason: z.string().trim().min(3, "reports.flagged.error.reason").max(500, "reports.flagged.error.reason"),
  amount: z
    .string()
    .optional()
    .transform((value) => (value && value.trim() !== "" ? parseRupiah(value) : undefined))
    .refine((value) => value !== null && (value === undefined || value > 0), "reports.flagged.error.amount")
    .transform((value) => value ?? null),
});
