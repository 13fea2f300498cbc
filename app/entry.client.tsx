import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadMessagesScript, provideMessages } from "~/lib/i18n/dictionaries";

/**
 * The page's dictionary comes from a deferred script in <head>, but Remix's module scripts may run before it (on a
 * slow or congested connection, often): hydrating without messages would throw the server's HTML away. So when the
 * page's language is not here yet, load that same script (from the browser's cache) and hydrate after it.
 */
async function pageMessages(): Promise<void> {
  const locale = document.documentElement.lang.startsWith("en") ? "en" : "id";
  const src = document.querySelector<HTMLScriptElement>('script[src^="/i18n/"]')?.getAttribute("src");
  if (src && !window.__etalaseMessages?.[locale]) await loadMessagesScript(src).catch(() => undefined);
  provideMessages(window.__etalaseMessages ?? {});
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
