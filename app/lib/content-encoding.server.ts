import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import Negotiator from "negotiator";

export type ContentEncoding = "br" | "gzip" | "identity";

/** Compression for bytes made once and sent many times (the build's assets, the dictionaries): the best each has. */
export const onceGzipOptions = { level: 9 } as const;
export const onceBrotliOptions = (size: number) => ({ params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: size } });

/** Brotli where the request accepts it (it is smaller), else gzip, else the bytes as they are. */
export function chosenEncoding(acceptEncoding: string | null): ContentEncoding {
  const acceptable = new Negotiator({ headers: { "accept-encoding": acceptEncoding ?? undefined } }).encodings(["br", "gzip", "identity"]);
  return acceptable.includes("br") ? "br" : acceptable.includes("gzip") ? "gzip" : "identity";
}

/**
 * A fixed body compressed once in each encoding, when first asked for (brotli at its best quality: done once, read by
 * every visitor), instead of for every response.
 */
export function compressedOnce(body: string): (encoding: ContentEncoding) => Uint8Array<ArrayBuffer> {
  const bytes = new TextEncoder().encode(body);
  const encoded = new Map<ContentEncoding, Uint8Array<ArrayBuffer>>([["identity", bytes]]);
  return (encoding) => {
    let found = encoded.get(encoding);
    if (!found) {
      found = new Uint8Array(
        encoding === "br" ? brotliCompressSync(bytes, onceBrotliOptions(bytes.length)) : gzipSync(bytes, onceGzipOptions),
      );
      encoded.set(encoding, found);
    }
    return found;
  };
}
