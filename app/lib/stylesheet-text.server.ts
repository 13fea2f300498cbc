import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Larger stylesheets stay files: inlining them would cost every page more than the round trip it saves. */
const MAX_INLINE_BYTES = 96 * 1024;

const texts = new Map<string, string | undefined>();

/**
 * The text of a built stylesheet (`/assets/….css`), read once from the client build beside the server
 * build; undefined in development or when the file is missing or too large.
 */
export function stylesheetText(href: string): string | undefined {
  if (texts.has(href)) return texts.get(href);
  const text = readBuilt(href);
  texts.set(href, text);
  return text;
}

function readBuilt(href: string): string | undefined {
  if (!/^\/assets\/[\w.-]+\.css$/.test(href)) return undefined;
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), "../client", href);
  try {
    const text = fs.readFileSync(file, "utf8");
    // "</style" inside the text would end the element early.
    return text.length <= MAX_INLINE_BYTES && !/<\/style/i.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}
