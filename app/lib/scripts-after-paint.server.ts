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
  // Each pattern is looked for in one pass over the page; the places found are then rewritten in page order.
  const found: { at: number; rewrite: [Buffer, Buffer] }[] = [];
  for (const rewrite of rewrites) {
    for (let at = html.indexOf(rewrite[0]); at >= 0; at = html.indexOf(rewrite[0], at + rewrite[0].length)) found.push({ at, rewrite });
  }
  if (found.length === 0) return html;
  found.sort((a, b) => a.at - b.at);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const { at, rewrite } of found) {
    pieces.push(html.subarray(from, at), rewrite[1]);
    from = at + rewrite[0].length;
  }
  pieces.push(html.subarray(from));
  return Buffer.concat(pieces);
}
