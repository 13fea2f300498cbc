import { z } from "zod";
import { uuidPattern } from "~/lib/ids";

/** The forms of catalog administration, their messages message keys (decision 18). */

const name = z.string().trim().min(2, "catalogAdmin.error.name").max(60, "catalogAdmin.error.name");
const description = z.string().trim().max(500, "catalogAdmin.error.description").default("");
const uuid = (message: "catalogAdmin.error.categoryNotFound" | "catalogAdmin.error.productNotFound" | "catalogAdmin.error.moveTargetInvalid") =>
  z.string().regex(uuidPattern, message);

export const categoryTextSchema = z.object({
  nameId: name,
  nameEn: name,
  descriptionId: description,
  descriptionEn: description,
});

export const newCategorySchema = categoryTextSchema.extend({
  kind: z.enum(["food", "craft"], { error: "catalogAdmin.error.kind" }),
});

export const categoryIdSchema = z.object({ categoryId: uuid("catalogAdmin.error.categoryNotFound") });

export const reorderSchema = categoryIdSchema.extend({ direction: z.enum(["up", "down"], { error: "form.error.invalid" }) });

/** The category comes from the page's address; the form says only where its products go. */
export const retireSchema = z.object({
  moveToId: z.union([z.literal(""), uuid("catalogAdmin.error.moveTargetInvalid")]).default(""),
});

export const productIdSchema = z.object({ productId: uuid("catalogAdmin.error.productNotFound") });

export const featureSchema = productIdSchema.extend({
  direction: z.enum(["up", "down"], { error: "form.error.invalid" }).optional(),
});

export const takeDownSchema = productIdSchema.extend({
  reason: z.string().trim().min(10, "catalogAdmin.error.reason").max(500, "catalogAdmin.error.reason"),
});
