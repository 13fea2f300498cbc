import * as zlib from "node:zlib";
import { constants, deflateRawSync } from "node:zlib";

/**
 * Gzip for HTML pages that carry the same large text whole (the stylesheet was inlined in every page from decision 40
 * to decision 56, 43 KB that cost more to deflate than the rest of the page, decision 43). Such a text is deflated
 * once, at the strongest level; each page's gzip stream is put together around it:
 *
 *   gzip header · deflate(bytes before) · the text, deflated once · deflate(bytes after) · CRC-32 and length
 *
 * Every piece but the last ends with a sync flush, on a byte boundary and without the final-block bit, and no piece
 * refers back into another, so the pieces read as one deflate stream: browsers see one ordinary gzip member.
 */
export interface DocumentGzip {
  /**
   * On the calling thread: libuv's thread pool cost twice the CPU here (decision 44), and a busy shop has none to
   * spare. `level` is for the page's own bytes; the known texts are always at 9.
   */
  gzip: (body: Buffer, level: number) => Buffer;
}

/**
 * A page rendered for one request: level 3 deflates the page's own bytes in a third of level 6's time, for about
 * 8 % more of them (1 KB on a listing, beside the stylesheet's unchanged 8 KB) (decision 44).
 */
export const FRESH_PAGE_LEVEL = 3;

/** A page the page cache keeps is deflated once and sent many times: the strongest level. */
export const KEPT_PAGE_LEVEL = 9;

interface KnownText {
  text: Buffer;
  deflated: Buffer;
  /** The text's first bytes: looking for a 43 KB needle builds its search tables anew on every call. */
  start: Buffer;
}

const KNOWN_START_BYTES = 256;

/** Where `text` first appears whole in `body`, or -1. */
function indexOfKnown(body: Buffer, text: KnownText): number {
  for (let at = body.indexOf(text.start); at >= 0; at = body.indexOf(text.start, at + 1)) {
    if (body.subarray(at, at + text.text.length).equals(text.text)) return at;
  }
  return -1;
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]);

/** Texts shorter than this are not worth looking for in every page. */
const MIN_KNOWN_BYTES = 4096;

export function documentGzip(knownTexts: readonly Buffer[]): DocumentGzip {
  const known: KnownText[] = knownTexts
    .filter((text) => text.length >= MIN_KNOWN_BYTES)
    .map((text) => ({ text, deflated: deflateRawSync(text, { level: 9, finishFlush: constants.Z_SYNC_FLUSH }), start: text.subarray(0, KNOWN_START_BYTES) }));
  return {
    gzip: (body, level) => assemble(body, deflatePieces(body, known, level)),
  };
}

/**
 * Each piece of the page deflated (the last one finished), the known texts as deflated once. `memLevel` 9 (zlib's
 * largest hash table; 8 by default) deflates a 60 KB page about a tenth faster at level 3, to about the same size.
 */
function deflatePieces(body: Buffer, known: readonly KnownText[], level: number): Buffer[] {
  const pieces = splitAtKnown(body, known);
  return pieces.map((piece, index) =>
    isKnown(piece)
      ? piece.deflated
      : deflateRawSync(piece, { level, memLevel: 9, finishFlush: index === pieces.length - 1 ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }),
  );
}

function isKnown(piece: Buffer | KnownText): piece is KnownText {
  return !Buffer.isBuffer(piece);
}

/** The page cut around the first place each known text appears; the last piece is always the page's own. */
function splitAtKnown(body: Buffer, known: readonly KnownText[]): (Buffer | KnownText)[] {
  const found = known
    .map((text) => ({ text, at: indexOfKnown(body, text) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => a.at - b.at);
  const pieces: (Buffer | KnownText)[] = [];
  let offset = 0;
  for (const { text, at } of found) {
    if (at < offset) continue;
    if (at > offset) pieces.push(body.subarray(offset, at));
    pieces.push(text);
    offset = at + text.text.length;
  }
  pieces.push(body.subarray(offset));
  return pieces;
}

/** zlib's CRC-32 (Node 20.15 and 22.2 on); on the older Node 20 lines we support (decision 14), a table. */
const crc32: (data: Buffer) => number = "crc32" in zlib && typeof zlib.crc32 === "function" ? (data) => zlib.crc32(data) : tableCrc32;

let crcTable: Uint32Array | undefined;

export function tableCrc32(data: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function assemble(body: Buffer, deflated: Buffer[]): Buffer {
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(body) >>> 0, 0);
  trailer.writeUInt32LE(body.length % 2 ** 32, 4);
  return Buffer.concat([GZIP_HEADER, ...deflated, trailer]);
}
