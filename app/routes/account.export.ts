import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportAccountData } from "~/modules/identity/accounts.server";
import { requireUser } from "~/web/guards.server";

/** Everything the shop holds about the signed-in person, as a JSON file (UU PDP). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor } = await requireUser(request, context);
  const body = JSON.stringify(await exportAccountData(context.db, actor.userId), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="etalase-data-saya.json"',
      "Cache-Control": "private, no-store",
    },
  });
}
