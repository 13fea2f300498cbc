import { z } from "zod";
import { BASIS_POINTS, parseRupiah } from "~/lib/money";
import { percentToBasisPoints } from "~/lib/percent";
import type { ErrorTable } from "~/lib/results";
import type { ShuLineInput } from "./compute";
import { MAX_FUND_LINES } from "./names";

/** The largest surplus the form takes: a hundred billion rupiah, far above any cooperative of ours. */
const MAX_SURPLUS = 100_000_000_000;
/** One member's savings at most (per kind): a billion rupiah. */
export const MAX_SAVINGS = 1_000_000_000;

const amount = (max: number, message: string) =>
  z
    .string()
    .transform((value) => parseRupiah(value))
    .refine((value): value is number => value !== null && value >= 0 && value <= max, message);

const percent = z
  .string()
  .transform((value) => (value.trim() === "" ? 0 : percentToBasisPoints(value)))
  .refine((value): value is number => value !== null, "shu.error.percent");

const fundFields = Object.fromEntries(
  Array.from({ length: MAX_FUND_LINES }, (_, index) => [
    [`fundName${index}`, z.string().default("").pipe(z.string().trim().max(80, "shu.error.fundName"))],
    [`fundPercent${index}`, z.string().default("").pipe(percent)],
  ]).flat(),
) as Record<string, z.ZodTypeAny>;

/**
 * The year's inputs: the surplus, the two pools' percentages and up to eight named funds. Percentages have at most two
 * decimals and must add up to 100 %; a fund with a percentage needs a name. Answers the lines in the form's order.
 */
export const shuInputsSchema = z
  .object({
    surplus: amount(MAX_SURPLUS, "shu.error.surplus"),
    jasaUsahaPercent: percent,
    jasaModalPercent: percent,
    ...fundFields,
  })
  .superRefine((value, context) => {
    const fields = value as Record<string, unknown>;
    for (let index = 0; index < MAX_FUND_LINES; index++) {
      const bp = fields[`fundPercent${index}`] as number;
      const name = fields[`fundName${index}`] as string;
      if (bp > 0 && name === "") context.addIssue({ code: "custom", path: [`fundName${index}`], message: "shu.error.fundName" });
    }
  })
  .transform((value) => {
    const fields = value as Record<string, unknown>;
    const lines: ShuLineInput[] = [
      { role: "jasa_usaha", name: "", basisPoints: value.jasaUsahaPercent },
      { role: "jasa_modal", name: "", basisPoints: value.jasaModalPercent },
    ];
    for (let index = 0; index < MAX_FUND_LINES; index++) {
      const name = fields[`fundName${index}`] as string;
      if (name !== "") lines.push({ role: "fund", name, basisPoints: fields[`fundPercent${index}`] as number });
    }
    return { surplus: value.surplus, lines };
  })
  .refine((value) => value.lines.reduce((sum, line) => sum + line.basisPoints, 0) === BASIS_POINTS, { message: "shu.error.total", path: ["total"] });
export type ShuInputs = z.output<typeof shuInputsSchema>;

/** One member's savings, typed in. */
export const savingsSchema = z.object({
  memberNumber: z.string().trim().min(1, "shu.error.memberNumber").max(40, "shu.error.memberNumber"),
  pokok: amount(MAX_SAVINGS, "shu.error.amount"),
  wajib: amount(MAX_SAVINGS, "shu.error.amount"),
});
export type SavingsInput = z.output<typeof savingsSchema>;

/** The year to open: a four-digit year. */
export const openYearSchema = z.object({
  year: z.string().trim().regex(/^\d{4}$/, "shu.error.year").transform(Number).refine((year) => year >= 2000 && year <= 2100, "shu.error.year"),
});

export const shuErrors = {
  not_found: { status: 404, message: "error.notFound.body" },
  locked: { status: 409, message: "shu.error.locked" },
  not_locked: { status: 409, message: "shu.error.notLocked" },
  unknown_member: { status: 422, message: "shu.error.unknownMember", field: "memberNumber" },
  bad_csv: { status: 422, message: "shu.import.error.file", field: "file" },
} satisfies ErrorTable;
export type ShuError = keyof typeof shuErrors;

