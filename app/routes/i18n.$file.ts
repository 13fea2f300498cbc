import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/lib/i18n/core";
import { messagesScript } from "~/lib/i18n/messages-script.server";
import { notFound } from "~/lib/http.server";

/**
 * `/i18n/<locale>.<hash>.js`: a language's dictionary. The current hash is cached for good; an old one
 * (a page from before a deploy) still gets today's dictionary, cached briefly.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const match = /^([a-z]{2})\.([0-9a-f]{1,64})\.js$/.exec(params.file ?? "");
  if (!match || !isLocale(match[1])) throw notFound();
  const script = messagesScript(match[1]);
  return new Response(script.body, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": match[2] === script.hash ? "public, max-age=31536000, immutable" : "public, max-age=300",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
