import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireAbility } from "~/web/guards.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAbility(request, context, "catalog.manage");
  throw redirect("/admin/catalog/categories");
}
