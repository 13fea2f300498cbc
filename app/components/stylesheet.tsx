import { createContext, useContext, useState } from "react";

/** The text of a built stylesheet by its URL, where the server can read it (not in development). */
export type StylesheetText = (href: string) => string | undefined;

export const StylesheetTextContext = createContext<StylesheetText>(() => undefined);

/**
 * The shop's stylesheet, inlined in the page where the server has its text: a phone on a slow connection
 * paints with the HTML alone instead of waiting one more round trip for a render-blocking file (decision
 * 0040). In the browser the text is taken back from the page, so hydration finds what the server wrote;
 * without it (development) an ordinary `<link rel="stylesheet">`.
 */
export function Stylesheet({ href }: { href: string }) {
  const serverText = useContext(StylesheetTextContext)(href);
  const [text] = useState(() => serverText ?? inlinedInPage(href));
  if (text === undefined) return <link rel="stylesheet" href={href} />;
  return <style data-href={href} dangerouslySetInnerHTML={{ __html: text }} />;
}

function inlinedInPage(href: string): string | undefined {
  if (typeof document === "undefined") return undefined;
  for (const style of document.querySelectorAll("style[data-href]")) {
    if (style.getAttribute("data-href") === href) return style.textContent ?? undefined;
  }
  return undefined;
}
