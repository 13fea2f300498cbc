import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { chosenEncoding, compressedOnce } from "~/lib/content-encoding.server";

describe("a fixed body sent compressed", () => {
  it("is sent in brotli wherever the browser takes it, else gzip, else as it is", () => {
    expect(chosenEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(chosenEncoding("br;q=0.2, gzip")).toBe("br");
    expect(chosenEncoding("gzip, deflate")).toBe("gzip");
    expect(chosenEncoding("gzip, br;q=0")).toBe("gzip");
    expect(chosenEncoding("*")).toBe("br");
    expect(chosenEncoding("identity")).toBe("identity");
    expect(chosenEncoding("gzip;q=0, br;q=0")).toBe("identity");
    expect(chosenEncoding(null)).toBe("identity");
    expect(chosenEncoding("")).toBe("identity");
  });

  it("is compressed once for each encoding, and each decodes to the same text", () => {
    const body = `window.words=${JSON.stringify({ "product.addToCart": "Tambah ke keranjang", greeting: "Selamat datang di Pantai Kuta 🌊" })};`.repeat(20);
    const encoded = compressedOnce(body);
    const brotli = encoded("br");
    const gzipped = encoded("gzip");
    expect(new TextDecoder().decode(encoded("identity"))).toBe(body);
    expect(brotliDecompressSync(brotli).toString("utf8")).toBe(body);
    expect(gunzipSync(gzipped).toString("utf8")).toBe(body);
    expect(brotli.length).toBeLessThan(gzipped.length);
    expect(gzipped.length).toBeLessThan(Buffer.byteLength(body) / 4);
    expect(encoded("br")).toBe(brotli);
    expect(encoded("gzip")).toBe(gzipped);
  });
});
