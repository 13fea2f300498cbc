import type { Db } from "~db/client";
import { recordAudit } from "~/modules/audit/audit.server";
import type { StaffAct } from "./errors";

/** One audit record for a manager's catalog action, in the action's transaction. */
export function auditAct(
  db: Db,
  act: StaffAct,
  entry: { action: string; entityType: "category" | "product" | "shop_page"; entityId: string; before?: unknown; after?: unknown },
): Promise<void> {
  return recordAudit(db, {
    cooperativeId: act.cooperativeId,
    actorUserId: act.actorUserId,
    ...entry,
    ...(act.ipAddress ? { ipAddress: act.ipAddress } : {}),
  });
}
