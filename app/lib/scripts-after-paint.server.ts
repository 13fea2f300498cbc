import { INERT_MODULE_TYPE, INERT_PRELOAD_REL } from "./scripts-after-paint";

/** The server's half of decision 42: the page's HTML with its module script and module preloads inert. */

const rewrites: [from: Buffer, to: Buffer][] = [
  [Buffer.from('<link rel="modulepreload"'), Buffer.from(`<link rel="${INERT_PRELOAD_REL}"`)],
  [Buffer.from(' type="module" async="">'), Buffer.from(` type="${INERT_MODULE_TYPE}">`)],
];

/**
 * Makes the page's module scripts and module preloads inert in a piece of HTML. React escapes `<` and `"` in
 * text and attribute values, and Remix `<` in its inline data, so these patterns only ever match real tags.
 * Works on bytes (a page is about 100 KB; decoding it to a string to search it cost more than rendering it).
 */
export function inertPageScripts(html: Buffer): Buffer {
  const pieces: Buffer[] = [];
  let from = 0;
  for (;;) {
    let next = -1;
    let rewrite: [Buffer, Buffer] | undefined;
    for (const candidate of rewrites) {
      const at = html.indexOf(candidate[0], from);
      if (at >= 0 && (next < 0 || at < next)) [next, rewrite] = [at, candidate];
    }
    if (!rewrite) break;
    pieces.push(html.subarray(from, next), rewrite[1]);
    from = next + rewrite[0].length;
  }
  if (from === 0) return html;
  pieces.push(html.subarray(from));
  return Buffer.concat(pieces);
}
