import type { LoaderFunctionArgs } from "@remix-run/node";
import { orderDocument, pdfHeaders } from "~/flows/order-documents.server";
import { notFound } from "~/lib/http.server";
import { orderOfUser } from "~/modules/orders/orders.server";
import { requireUser } from "~/web/guards.server";

/** The receipt (kuitansi) of the signed-in shopper's own order, once paid. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { cooperative, actor } = await requireUser(request, context);
  if (!params.id || !(await orderOfUser(context.db, cooperative.id, actor.userId, params.id))) throw notFound();
  const pdf = await orderDocument(context.db, cooperative, params.id, "receipt", new URL(request.url).searchParams.get("lang") === "en" ? "en" : "id");
  if (!pdf) throw notFound();
  return new Response(new Uint8Array(pdf), { headers: { ...pdfHeaders("kuitansi.pdf"), "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" } });
}
