import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { hasMessages, loadMessagesScript, provideScriptMessages, scriptPart } from "~/lib/i18n/dictionaries";

/**
 * The page's dictionary parts come from deferred scripts in <head>, but Remix's module scripts may run
 * before them (on a slow or congested connection, often): hydrating without messages would throw the
 * server's HTML away. So each part not here yet is loaded (the same script, from the browser's cache) and
 * the page hydrates after them.
 */
async function pageMessages(): Promise<void> {
  provideScriptMessages();
  const sources = [...document.querySelectorAll<HTMLScriptElement>('head script[src^="/i18n/"]')].map((script) => script.getAttribute("src") ?? "");
  const missing = sources.filter((src) => {
    const part = scriptPart(src);
    return part && !hasMessages(part.locale, [part.part]);
  });
  await Promise.all(missing.map((src) => loadMessagesScript(src).catch(() => undefined)));
}

void pageMessages().then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  }),
);
