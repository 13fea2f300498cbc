import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/http.server";
import { uuidPattern } from "~/lib/ids";
import { orderOfUser } from "~/modules/orders/orders.server";
import { returnPhotoOfOrder } from "~/modules/orders/returns.server";
import { requireUser } from "~/web/guards.server";
import { privatePhotoResponse } from "~/web/shopper-order.server";

/** A return request's photo of the signed-in shopper's own order. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { cooperative, actor } = await requireUser(request, context);
  if (!params.id || !params.returnId || !uuidPattern.test(params.returnId) || !(await orderOfUser(context.db, cooperative.id, actor.userId, params.id))) throw notFound();
  const photo = await returnPhotoOfOrder(context.db, cooperative.id, params.id, params.returnId);
  if (!photo) throw notFound();
  return privatePhotoResponse(photo);
}
