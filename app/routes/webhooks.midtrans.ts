import type { ActionFunctionArgs } from "@remix-run/node";
import { paymentGateway } from "~/flows/payment-accounts.server";

/**
 * Midtrans's payment notifications (the URL each cooperative sets in its Midtrans dashboard). Verified with the
 * key of the cooperative whose payment it names and stored in the inbox before the answer; applied by a job.
 * Midtrans retries until it gets a 2xx, so a refusal is only for what must never be retried into success.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response(null, { status: 405, headers: { Allow: "POST" } });
  const answer = await paymentGateway().receiveMidtrans(context.db, await request.text(), request.headers);
  return Response.json({ status: answer.outcome }, { status: answer.status });
}

export function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
