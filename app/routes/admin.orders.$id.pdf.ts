import type { LoaderFunctionArgs } from "@remix-run/node";
import { orderDocument, pdfHeaders } from "~/flows/order-documents.server";
import { notFound } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { uuidPattern } from "~/lib/ids";
import { requireAbility } from "~/web/guards.server";

const kinds = ["slip", "label", "receipt"] as const;

/** Packing slip, shipping label or receipt of an order of this cooperative, for its staff. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "orders.read");
  const kind = kinds.find((name) => name === new URL(request.url).searchParams.get("doc"));
  if (!params.id || !uuidPattern.test(params.id) || !kind) throw notFound();
  const pdf = await orderDocument(context.db, cooperative, params.id, kind, resolveLocale(request));
  if (!pdf) throw notFound();
  return new Response(new Uint8Array(pdf), { headers: pdfHeaders(`${kind}-${params.id}.pdf`) });
}
