import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/lib/i18n/core";
import { localeCookie } from "~/lib/i18n/locale.server";
import { httpError } from "~/lib/http.server";
import { safeRedirectPath } from "~/lib/safe-redirect";

/** The language switch: remembers the choice in a cookie and returns to the same page. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  if (!isLocale(locale)) throw httpError(400, "error.badLocale");
  const target = new URL(safeRedirectPath(form.get("redirectTo")), "http://internal");
  target.searchParams.delete("lang");
  return redirect(`${target.pathname}${target.search}`, { headers: { "Set-Cookie": localeCookie(locale) } });
}

export function loader() {
  return redirect("/");
}
