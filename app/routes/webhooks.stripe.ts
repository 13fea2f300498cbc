import type { ActionFunctionArgs } from "@remix-run/node";
import { paymentGateway } from "~/flows/payment-accounts.server";

/**
 * Stripe's webhook events. The signature covers the raw body, so it is read as text before anything parses it;
 * verified with the signing secret of the cooperative whose payment the event names, stored, applied by a job.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response(null, { status: 405, headers: { Allow: "POST" } });
  const answer = await paymentGateway().receiveStripe(context.db, await request.text(), request.headers);
  return Response.json({ status: answer.outcome }, { status: answer.status });
}

export function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
