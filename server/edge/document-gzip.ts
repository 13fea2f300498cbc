import { gzipSync } from "node:zlib";

/**
 * Gzip for HTML pages. From decision 40 to decision 56 every page carried the stylesheet inlined, and this module
 * spliced it in deflated once (decision 43); with the stylesheet a file, a page is gzipped whole.
 */
export interface DocumentGzip {
  /**
   * On the calling thread: libuv's thread pool cost twice the CPU here (decision 44), and a busy shop has none to
   * spare. `memLevel` 9 (zlib's largest hash table; 8 by default) deflates a 60 KB page about a tenth faster at
   * level 3, to about the same size.
   */
  gzip: (body: Buffer, level: number) => Buffer;
}

/** A page rendered for one request: level 3 deflates it in a third of level 6's time, for about 8 % more bytes (decision 44). */
export const FRESH_PAGE_LEVEL = 3;

/** A page the page cache keeps is deflated once and sent many times: the strongest level. */
export const KEPT_PAGE_LEVEL = 9;

export function documentGzip(): DocumentGzip {
  return { gzip: (body, level) => gzipSync(body, { level, memLevel: 9 }) };
}
