import type { LoaderFunctionArgs } from "@remix-run/node";
import { orderDocument, pdfHeaders } from "~/flows/order-documents.server";
import { notFound } from "~/lib/http.server";
import { orderIdForLink } from "~/modules/orders/orders.server";
import { requireCooperative } from "~/web/cooperative.server";

/** The shopper's receipt (kuitansi), by the order's private link, once paid. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const cooperative = await requireCooperative(request, context);
  const orderId = params.token ? await orderIdForLink(context.db, cooperative.id, params.token) : undefined;
  if (!orderId) throw notFound();
  const pdf = await orderDocument(context.db, cooperative, orderId, "receipt", new URL(request.url).searchParams.get("lang") === "en" ? "en" : "id");
  if (!pdf) throw notFound();
  return new Response(new Uint8Array(pdf), { headers: { ...pdfHeaders("kuitansi.pdf"), "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex" } });
}
