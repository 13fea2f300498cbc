import { LATE_SCRIPTS_HOLDER_ID, lateScriptsLoader } from "~/lib/scripts-after-paint";
import { useNonce } from "~/lib/nonce";

const loaderSource = lateScriptsLoader();

/**
 * The loader that starts the page's scripts once it has painted, and the holder it puts them in: React
 * neither hydrates nor touches what is inside (it owns the holder's inner HTML, always empty).
 */
export function ScriptsAfterPaint() {
  const nonce = useNonce();
  return (
    <>
      <div id={LATE_SCRIPTS_HOLDER_ID} hidden dangerouslySetInnerHTML={{ __html: "" }} />
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: loaderSource }} />
    </>
  );
}
