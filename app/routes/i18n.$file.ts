import type { LoaderFunctionArgs } from "@remix-run/node";
import { chosenEncoding } from "~/lib/content-encoding.server";
import { isLocale } from "~/lib/i18n/core";
import { isDictionaryPart } from "~/lib/i18n/dictionaries";
import { messagesScript, wholeMessagesScript } from "~/lib/i18n/messages-script.server";
import { notFound } from "~/lib/http.server";

const scriptHeaders = (cacheControl: string) => ({
  "Content-Type": "text/javascript; charset=utf-8",
  "Cache-Control": cacheControl,
  "X-Content-Type-Options": "nosniff",
});

/**
 * `/i18n/<locale>.<part>.<hash>.js`: a part (shop, buy or rest) of a language's dictionary. The current hash is
 * cached for good; an old one (a page from before a deploy) still gets today's messages, cached briefly.
 * `/i18n/<locale>.<hash>.js`, the whole dictionary as pages before the split asked for it, is answered too.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const match = /^([a-z]{2})(?:\.([a-z]+))?\.([0-9a-f]{1,64})\.js$/.exec(params.file ?? "");
  if (!match || !isLocale(match[1])) throw notFound();
  if (match[2] === undefined) return new Response(wholeMessagesScript(match[1]), { headers: scriptHeaders("public, max-age=300") });
  if (!isDictionaryPart(match[2])) throw notFound();
  const script = messagesScript(match[1], match[2]);
  // Every page loads one of these: sent compressed as made once, so the server's compression passes it by.
  const encoding = chosenEncoding(request.headers.get("Accept-Encoding"));
  return new Response(script.encoded(encoding), {
    headers: {
      ...scriptHeaders(match[3] === script.hash ? "public, max-age=31536000, immutable" : "public, max-age=300"),
      ...(encoding === "identity" ? {} : { "Content-Encoding": encoding }),
      Vary: "Accept-Encoding",
    },
  });
}
