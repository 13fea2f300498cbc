import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/http.server";
import { staticQris } from "~/modules/outlet/settings.server";
import { requireAbility } from "~/web/guards.server";

/** The cooperative's static QRIS sticker, for the counter (and the manager's settings preview). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "outlet.sell");
  const qris = await staticQris(context.db, cooperative.id);
  if (!qris) throw notFound();
  return new Response(new Uint8Array(qris.image), {
    headers: { "Content-Type": qris.mimeType, "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
  });
}
