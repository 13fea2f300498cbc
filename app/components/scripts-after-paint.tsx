import { createContext } from "react";
import { LATE_SCRIPTS_HOLDER_ID, LATE_SCRIPTS_LOADER_ID } from "~/lib/scripts-after-paint";
import { useNonce } from "~/lib/nonce";
import { useServerScriptSource } from "./server-script-source";

/** The loader's source, given by the server's render (entry.server.tsx): it is not in the shop's JavaScript. */
export const LateScriptsLoaderContext = createContext<string | undefined>(undefined);

/**
 * The loader that starts the page's scripts once it has painted, and the holder it puts them in: React
 * neither hydrates nor touches what is inside (it owns the holder's inner HTML, always empty). In the browser
 * the loader's text is taken back from the page, so hydration finds what the server wrote.
 */
export function ScriptsAfterPaint() {
  const nonce = useNonce();
  const source = useServerScriptSource(LateScriptsLoaderContext, LATE_SCRIPTS_LOADER_ID);
  return (
    <>
      <div id={LATE_SCRIPTS_HOLDER_ID} hidden dangerouslySetInnerHTML={{ __html: "" }} />
      <script id={LATE_SCRIPTS_LOADER_ID} nonce={nonce} dangerouslySetInnerHTML={{ __html: source }} />
    </>
  );
}
