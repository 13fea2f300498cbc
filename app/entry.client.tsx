import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { provideMessages } from "~/lib/i18n/dictionaries";

// The page's dictionary script (in <head>, deferred) has run before this module.
provideMessages(window.__etalaseMessages ?? {});

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
