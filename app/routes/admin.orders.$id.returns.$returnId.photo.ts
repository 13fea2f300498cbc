import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/http.server";
import { uuidPattern } from "~/lib/ids";
import { returnPhotoOfOrder } from "~/modules/orders/returns.server";
import { requireAbility } from "~/web/guards.server";
import { privatePhotoResponse } from "~/web/shopper-order.server";

/** A return request's photo for the cooperative's order staff: only through an order of their own cooperative. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "orders.read");
  if (!params.id || !uuidPattern.test(params.id) || !params.returnId || !uuidPattern.test(params.returnId)) throw notFound();
  const photo = await returnPhotoOfOrder(context.db, cooperative.id, params.id, params.returnId);
  if (!photo) throw notFound();
  return privatePhotoResponse(photo);
}
