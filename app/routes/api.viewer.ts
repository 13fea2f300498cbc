import type { LoaderFunctionArgs } from "@remix-run/node";
import { viewerOf } from "~/components/viewer";
import { getActor } from "~/web/guards.server";

/**
 * Who is signed in, for the header of pages whose HTML is the same for everyone (and cached): asked after load by
 * browsers that carry the signed-in hint. Never cached anywhere.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor } = await getActor(request, context);
  return Response.json({ viewer: viewerOf(actor) }, { headers: { "Cache-Control": "private, no-store" } });
}
