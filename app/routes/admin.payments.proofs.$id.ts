import type { LoaderFunctionArgs } from "@remix-run/node";
import { uuidPattern } from "~/lib/ids";
import { notFound } from "~/lib/http.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { proofImage } from "~/modules/payments/payments.server";
import { requireAbility } from "~/web/guards.server";

/** A transfer receipt, for the treasurer only: it shows a shopper's bank details, so each view is logged. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "payments.confirm");
  if (!params.id || !uuidPattern.test(params.id)) throw notFound();
  const proof = await proofImage(context.db, cooperative.id, params.id);
  if (!proof) throw notFound();
  await recordAudit(context.db, {
    cooperativeId: cooperative.id,
    actorUserId: actor.userId,
    action: "payment_proof.viewed",
    entityType: "payment_proof",
    entityId: params.id,
    ipAddress: context.clientIp,
  });
  return new Response(new Uint8Array(proof.image), {
    headers: { "Content-Type": proof.mimeType, "Cache-Control": "private, no-store", "Content-Disposition": "inline", "X-Content-Type-Options": "nosniff" },
  });
}
