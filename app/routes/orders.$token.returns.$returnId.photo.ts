import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/http.server";
import { uuidPattern } from "~/lib/ids";
import { orderIdForLink } from "~/modules/orders/orders.server";
import { returnPhotoOfOrder } from "~/modules/orders/returns.server";
import { requireCooperative } from "~/web/cooperative.server";
import { privatePhotoResponse } from "~/web/shopper-order.server";

/** A return request's photo, by the order's private link only: another order's link, or another shop, finds nothing. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const cooperative = await requireCooperative(request, context);
  const orderId = params.token ? await orderIdForLink(context.db, cooperative.id, params.token) : undefined;
  if (!orderId || !params.returnId || !uuidPattern.test(params.returnId)) throw notFound();
  const photo = await returnPhotoOfOrder(context.db, cooperative.id, orderId, params.returnId);
  if (!photo) throw notFound();
  return privatePhotoResponse(photo);
}
