import type { ErrorTable, Refused } from "~/lib/results";

/** The refusals of catalog administration (categories, featured products, take-downs), each with its answer. */
export const catalogAdminErrors = {
  category_not_found: { status: 404, message: "catalogAdmin.error.categoryNotFound" },
  category_retired: { status: 409, message: "catalogAdmin.error.categoryRetired" },
  category_active: { status: 409, message: "catalogAdmin.error.categoryActive" },
  category_in_use: { status: 409, message: "catalogAdmin.error.categoryInUse" },
  slug_taken: { status: 409, message: "catalogAdmin.error.slugTaken", field: "nameId" },
  move_target_required: { status: 422, message: "catalogAdmin.error.moveTargetRequired", field: "moveToId" },
  move_target_invalid: { status: 422, message: "catalogAdmin.error.moveTargetInvalid", field: "moveToId" },
  kind_mismatch: { status: 422, message: "catalogAdmin.error.kindMismatch", field: "moveToId" },
  product_not_found: { status: 404, message: "catalogAdmin.error.productNotFound" },
  not_listed: { status: 409, message: "catalogAdmin.error.notListed" },
  featured_full: { status: 409, message: "catalogAdmin.error.featuredFull" },
  already_taken_down: { status: 409, message: "catalogAdmin.error.alreadyTakenDown" },
  not_taken_down: { status: 409, message: "catalogAdmin.error.notTakenDown" },
} satisfies ErrorTable;

export type CatalogAdminError = keyof typeof catalogAdminErrors;
export type CatalogAdminResult<T = object> = ({ ok: true } & T) | Refused<CatalogAdminError>;

/** Who does it, for the audit record. */
export interface StaffAct {
  cooperativeId: string;
  actorUserId: string;
  ipAddress?: string;
}
