import { createGunzip, gunzipSync, gzipSync } from "node:zlib";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { documentGzip, FRESH_PAGE_LEVEL, KEPT_PAGE_LEVEL } from "../../server/edge/document-gzip";

const head = '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Keripik · Toko</title>';
const rest = `</head><body>${"<p>Keripik pisang khas Binor, renyah dan gurih. Rp 15.000</p>".repeat(200)}</body></html>`;

async function browserRead(gzipped: Buffer): Promise<Buffer> {
  // As a browser reads it: one gzip member, inflated as the bytes stream in.
  const pieces = Array.from({ length: Math.ceil(gzipped.length / 1000) }, (_, i) => gzipped.subarray(i * 1000, (i + 1) * 1000));
  return buffer(Readable.from(pieces).pipe(createGunzip()));
}

describe("document gzip", () => {
  const gzip = documentGzip();

  it.each([
    ["a page", Buffer.from(head + rest)],
    ["an empty page", Buffer.alloc(0)],
    ["multibyte text", Buffer.from(`${head}Oleh-oleh · 椰子 · ✓${rest}—selesai`)],
  ])("gives back %s exactly, read whole and streamed, at every level", async (_, body) => {
    for (const gzipped of [gzip.gzip(body, FRESH_PAGE_LEVEL), gzip.gzip(body, 6), gzip.gzip(body, KEPT_PAGE_LEVEL)]) {
      expect(gunzipSync(gzipped).equals(body)).toBe(true);
      expect((await browserRead(gzipped)).equals(body)).toBe(true);
      // One member: the header once, and the trailer's length is the page's.
      expect(gzipped.subarray(0, 3)).toEqual(Buffer.from([0x1f, 0x8b, 0x08]));
      expect(gzipped.readUInt32LE(gzipped.length - 4)).toBe(body.length);
    }
  });

  it("deflates a page as plain gzip does", () => {
    const body = Buffer.from(head + rest);
    expect(gzip.gzip(body, 6).length).toBe(gzipSync(body, { level: 6 }).length);
  });
});
