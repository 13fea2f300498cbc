import { z } from "zod";
import type { Db } from "~db/client";
import { decideReturn } from "~/flows/request-return.server";
import { uuidPattern } from "~/lib/ids";
import { RETURN_NOTE_MAX, returnErrors } from "~/modules/orders/returns";
import { parseForm, refused } from "~/web/forms.server";

const decisionSchema = z.object({
  returnId: z.string().regex(uuidPattern, "error.badRequest.body"),
  decision: z.enum(["accepted", "declined"], { error: "error.badRequest.body" }),
  note: z.string().trim().max(RETURN_NOTE_MAX, "order.return.error.note").default(""),
});

/** Staff's accept or decline of a return request on the order page (the page checks the ability and the order). */
export async function decideReturnAnswer(db: Db, formData: FormData, who: { cooperativeId: string; orderId: string; actorUserId: string; ipAddress?: string }) {
  const form = parseForm(decisionSchema, formData);
  if (!form.ok) return form.answer;
  const result = await decideReturn(db, { ...who, ...form.data });
  if (!result.ok) return refused(formData, returnErrors, result.error);
  return { ok: true as const, message: form.data.decision === "accepted" ? "fulfil.return.saved.accepted" : "fulfil.return.saved.declined" };
}
