import * as zlib from "node:zlib";
import { createGunzip, gunzipSync, gzipSync } from "node:zlib";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { documentGzip, FRESH_PAGE_LEVEL, KEPT_PAGE_LEVEL, tableCrc32 } from "../../server/edge/document-gzip";

/** A stylesheet-like text: long, repetitive, the same in every page. */
const stylesheet = Buffer.from(
  Array.from({ length: 600 }, (_, i) => `.c${i}{margin:${i % 7}px;color:#${(i * 2654435761 >>> 8).toString(16).padStart(6, "0").slice(0, 6)}}`).join(""),
);
const otherText = Buffer.from(Array.from({ length: 300 }, (_, i) => `<li data-i="${i}">item ${i * 31}</li>`).join(""));
const page = (text: Buffer, before: string, after: string) => Buffer.concat([Buffer.from(before), text, Buffer.from(after)]);
const head = "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>Keripik · Toko</title><style>";
const rest = `</style></head><body>${"<p>Keripik pisang khas Binor, renyah dan gurih. Rp 15.000</p>".repeat(200)}</body></html>`;

async function browserRead(gzipped: Buffer): Promise<Buffer> {
  // As a browser reads it: one gzip member, inflated as the bytes stream in.
  const pieces = Array.from({ length: Math.ceil(gzipped.length / 1000) }, (_, i) => gzipped.subarray(i * 1000, (i + 1) * 1000));
  return buffer(Readable.from(pieces).pipe(createGunzip()));
}

describe("document gzip", () => {
  const gzip = documentGzip([stylesheet, otherText]);

  it.each([
    ["in the middle", page(stylesheet, head, rest)],
    ["at the start", page(stylesheet, "", rest)],
    ["at the end", page(stylesheet, head, "")],
    ["alone", stylesheet],
    ["twice (the first is spliced)", Buffer.concat([page(stylesheet, head, "</style>"), page(stylesheet, "<style>", rest)])],
    ["beside another known text", Buffer.concat([page(otherText, "<ul>", "</ul>"), page(stylesheet, head, rest)])],
    ["not there", Buffer.from(head + rest)],
    ["an empty page", Buffer.alloc(0)],
    ["multibyte text", page(stylesheet, `${head}Oleh-oleh · 椰子 · ✓`, `${rest}—selesai`)],
  ])("gives back the page exactly with the text %s, read whole and streamed, at every level", async (_, body) => {
    for (const gzipped of [gzip.gzip(body, FRESH_PAGE_LEVEL), gzip.gzip(body, 6), gzip.gzip(body, KEPT_PAGE_LEVEL)]) {
      expect(gunzipSync(gzipped).equals(body)).toBe(true);
      expect((await browserRead(gzipped)).equals(body)).toBe(true);
      // One member: the header once, and the trailer's length is the page's.
      expect(gzipped.subarray(0, 3)).toEqual(Buffer.from([0x1f, 0x8b, 0x08]));
      expect(gzipped.readUInt32LE(gzipped.length - 4)).toBe(body.length);
    }
  });

  it("is as small as gzip of the whole page at the same level", () => {
    const body = page(stylesheet, head, rest);
    expect(gzip.gzip(body, 6).length).toBeLessThanOrEqual(gzipSync(body, { level: 6 }).length * 1.02);
  });

  it.skipIf(!("crc32" in zlib))("computes the CRC-32 without zlib's (older Node 20 lines) as zlib does", () => {
    for (const body of [Buffer.alloc(0), Buffer.from("a"), page(stylesheet, head, rest)]) expect(tableCrc32(body)).toBe(zlib.crc32(body));
  });

  it("deflates a page without known texts as plain gzip does", () => {
    const body = Buffer.from(head + rest);
    expect(documentGzip([]).gzip(body, 6).length).toBe(gzipSync(body, { level: 6 }).length);
  });
});
