import { useContext, useState, type Context } from "react";

/**
 * An inline script's source that only the server's render has (given through `context` by entry.server.tsx, so it is
 * not in the shop's JavaScript). In the browser it is taken back from the page's element `id`, so hydration finds what
 * the server wrote, and it stays the same on every render after.
 */
export function useServerScriptSource(context: Context<string | undefined>, id: string): string {
  const serverSource = useContext(context);
  const [source] = useState(() => serverSource ?? (typeof document === "undefined" ? "" : (document.getElementById(id)?.textContent ?? "")));
  return source;
}
