import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~db/client";
import { readMultipartForm } from "~/web/upload.server";
import type express from "express";
import { createApp } from "../../server/app";
import { madeMediaFiles } from "../../server/edge/media-files";
import { FORM_BODY_BYTES, UPLOAD_BODY_BYTES } from "../../server/edge/budgets";

/**
 * The HTTP edge in front of the app (server/app.ts), with a stand-in for Remix that records what a route
 * would have seen. The real pages (translated refusals, nonces in the HTML) are checked end to end in
 * tests/e2e/robustness.spec.ts.
 */
interface Seen {
  method: string;
  url: string;
  cookie: string | null;
  body: string;
  nonce?: string;
  refusal?: AppLoadContext["refusal"];
}

const seen: Seen[] = [];
const clientDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "etalase-edge-client-"));
fs.mkdirSync(path.join(clientDirectory, "assets"));
fs.writeFileSync(path.join(clientDirectory, "assets", "entry-abc123.js"), "console.log('hi')");
fs.writeFileSync(path.join(clientDirectory, "favicon.svg"), "<svg/>");
// A chunk as the build writes it: beside it, the same bytes gzipped and in brotli.
const shopChunk = Buffer.from(Array.from({ length: 400 }, (_, i) => `export const label${i} = "kripik pedas ${i}";`).join("\n"));
fs.writeFileSync(path.join(clientDirectory, "assets", "shop-def456.js"), shopChunk);
fs.writeFileSync(path.join(clientDirectory, "assets", "shop-def456.js.gz"), zlib.gzipSync(shopChunk, { level: 9 }));
fs.writeFileSync(path.join(clientDirectory, "assets", "shop-def456.js.br"), zlib.brotliCompressSync(shopChunk));
// A photo's variants as the media store keeps them (the edge's media root is this folder too).
const photo = { cooperative: "5d3bd361-9450-4b47-92a0-037041475186", asset: "0bf648f5-d922-46c1-bd1a-fde66f43ec26" };
fs.mkdirSync(path.join(clientDirectory, photo.cooperative, photo.asset), { recursive: true });
fs.writeFileSync(path.join(clientDirectory, photo.cooperative, photo.asset, "w480.webp"), "webp bytes");
fs.writeFileSync(path.join(clientDirectory, photo.cooperative, photo.asset, "w480.avif"), "avif bytes");

async function standIn(request: Request, context: AppLoadContext): Promise<Response> {
  const url = new URL(request.url);
  const entry: Seen = { method: request.method, url: url.pathname + url.search, cookie: request.headers.get("Cookie"), body: "", nonce: context.cspNonce, refusal: context.refusal };
  seen.push(entry);
  if (context.refusal) return new Response(`refused ${context.refusal.messageKey}`, { status: context.refusal.status, headers: { "Content-Type": "text/html" } });
  if (url.pathname === "/boom") throw new Error("a route failed");
  if (url.pathname === "/member/settings" && url.searchParams.has("early")) return new Response(null, { status: 302, headers: { Location: "/sign-in" } });
  if (request.method !== "GET" && request.method !== "HEAD") {
    if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/") && url.pathname.startsWith("/member/")) {
      const read = await readMultipartForm(request);
      if ("refused" in read) return new Response(read.refused, { status: read.status });
      entry.body = [...read.formData.keys()].join(",");
    } else {
      entry.body = await request.text();
    }
  }
  return new Response(`<p>${entry.body}</p>`, { headers: { "Content-Type": "text/html" } });
}

function startApp(trustProxy = false): Promise<{ port: number; close: () => Promise<void> }> {
  const app = createApp({ build: {} as ServerBuild, handle: standIn, db: {} as Db, mediaRoot: clientDirectory, clientDirectory, trustProxy });
  return new Promise((resolve) => {
    const server = app.listen(0, "127.0.0.1", () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    );
  });
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  bytes: Buffer;
  /** Body bytes the client had written when the answer's head arrived. */
  sentBeforeAnswer: number;
}

/**
 * One request; with `stream`, the body is written a chunk at a time until `total` bytes, stopping as soon as
 * the answer arrives (as a browser reading an early refusal would).
 */
function send(
  port: number,
  target: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; stream?: { chunk: Buffer | ((sent: number) => Buffer); total: number; declare?: boolean } } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const headers = { ...options.headers };
    if (options.stream?.declare) headers["Content-Length"] = String(options.stream.total);
    // Keep-alive, as browsers send: the server then reads and drops the rest of a refused body.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const method = options.method ?? (options.body || options.stream ? "POST" : "GET");
    const request = http.request({ host: "127.0.0.1", port, path: target, method, headers, agent }, (response) => {
      answered = true;
      const sentBeforeAnswer = sent;
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        request.destroy();
        agent.destroy();
        const bytes = Buffer.concat(chunks);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text: bytes.toString("utf8"), bytes, sentBeforeAnswer });
      });
    });
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    if (options.stream) {
      const { chunk: next, total } = options.stream;
      const pump = () => {
        while (!answered && sent < total) {
          const chunk = typeof next === "function" ? next(sent) : next;
          const piece = total - sent >= chunk.length ? chunk : chunk.subarray(0, total - sent);
          sent += piece.length;
          if (!request.write(piece)) {
            request.once("drain", () => setImmediate(pump));
            return;
          }
        }
        if (!answered) request.end();
      };
      pump();
    } else {
      if (options.body !== undefined) sent = Buffer.byteLength(options.body);
      request.end(options.body);
    }
  });
}

const form = { "Content-Type": "application/x-www-form-urlencoded" };
let app: Awaited<ReturnType<typeof startApp>>;
let proxied: Awaited<ReturnType<typeof startApp>>;

beforeAll(async () => {
  app = await startApp();
  proxied = await startApp(true);
});
afterAll(async () => {
  await app.close();
  await proxied.close();
  fs.rmSync(clientDirectory, { recursive: true, force: true });
});

describe("body budgets", () => {
  it("refuses a 30 MB url-encoded form by its Content-Length before reading it, in constant memory", async () => {
    seen.length = 0;
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    // A million short fields: the shape that took the old server to ~970 MB and 24 s.
    const chunk = Buffer.from("f=yyyyyyyyyyyyyyyyyyyyyyyyyy&".repeat(2_000));
    const answer = await send(app.port, "/sign-in", { headers: form, stream: { chunk, total: 30_000_000, declare: true } });
    clearInterval(sampler);
    expect(answer.status).toBe(413);
    expect(answer.text).toBe("refused error.tooLarge.body");
    expect(answer.headers["cache-control"]).toBe("no-store");
    // The route never ran: the only request the app saw is the edge's own, for the refusal page.
    expect(seen.map((entry) => `${entry.method} ${entry.url}`)).toEqual(["GET /__refused"]);
    expect(answer.sentBeforeAnswer).toBeLessThan(30_000_000);
    expect(peak - before).toBeLessThan(40 * 1024 * 1024);
  });

  it("refuses a chunked url-encoded form as soon as the bytes counted pass the budget", async () => {
    seen.length = 0;
    const answer = await send(app.port, "/sign-in", { headers: form, stream: { chunk: Buffer.from("a=" + "x".repeat(16 * 1024 - 2)), total: 30_000_000 } });
    expect(answer.status).toBe(413);
    expect(answer.sentBeforeAnswer).toBeLessThan(5 * 1024 * 1024);
    expect(seen.map((entry) => entry.url)).toEqual(["/__refused"]);
  });

  it("lets a form within its budget through, unchanged", async () => {
    seen.length = 0;
    const body = "email=siti%40example.com&note=" + "k".repeat(FORM_BODY_BYTES - 100);
    const answer = await send(app.port, "/sign-in", { headers: form, body });
    expect(answer.status).toBe(200);
    expect(seen[0]!.body).toBe(body);
  });

  it("refuses a form with too many fields, and a small hand-made multipart form over a form's budget", async () => {
    expect((await send(app.port, "/sign-in", { headers: form, body: "a=1&".repeat(600) })).status).toBe(413);
    const multipart = new FormData();
    multipart.set("name", "x".repeat(FORM_BODY_BYTES));
    const encoded = new Request("http://x/", { method: "POST", body: multipart });
    const answer = await send(app.port, "/sign-up", {
      headers: { "Content-Type": encoded.headers.get("Content-Type")! },
      body: Buffer.from(await encoded.arrayBuffer()),
    });
    expect(answer.status).toBe(413);
  });

  it("streams photos to a page that takes them, and refuses the body once it passes the photo budget", async () => {
    seen.length = 0;
    // Eleven photos of 9 MB: each within the photo limit and the file count, together over the budget.
    const boundary = "----edge-test";
    const photoBytes = 9 * 1024 * 1024;
    const part = (n: number) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo_other"; filename="p${n}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
        Buffer.alloc(photoBytes, 7),
        Buffer.from("\r\n"),
      ]);
    const answer = await send(app.port, "/member/products/new", {
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      stream: { chunk: (sent) => part(Math.floor(sent / photoBytes)), total: 11 * (photoBytes + 200) },
    });
    expect(answer.status).toBe(413);
    expect(answer.text).toBe("refused error.tooLarge.body");
    expect(seen.at(-1)!.refusal).toEqual({ status: 413, messageKey: "error.tooLarge.body" });
  });

  it("refuses a photo form whose declared length is over the photo budget without reading it", async () => {
    seen.length = 0;
    const answer = await send(app.port, "/member/products/new", {
      headers: { "Content-Type": "multipart/form-data; boundary=x" },
      stream: { chunk: Buffer.alloc(1024 * 1024), total: UPLOAD_BODY_BYTES + 1, declare: true },
    });
    expect(answer.status).toBe(413);
    expect(seen.map((entry) => entry.url)).toEqual(["/__refused"]);
  });

  it("keeps the connection usable when a route answers without reading the body", async () => {
    const answer = await send(app.port, "/member/settings?early=1", {
      headers: { "Content-Type": "multipart/form-data; boundary=x" },
      stream: { chunk: Buffer.alloc(64 * 1024), total: 2 * 1024 * 1024 },
    });
    expect(answer.status).toBe(302);
    expect((await send(app.port, "/")).status).toBe(200);
  });
});

describe("input the routes never see", () => {
  it.each([
    ["a NUL in a url-encoded field", "name=A%00B&email=a%40b.c"],
    ["a malformed escape", "name=%E0%A4%A&email=a%40b.c"],
    ["a lone %", "name=50%&email=a%40b.c"],
    ["an escape that is not UTF-8", "name=%FF"],
    ["raw bytes that are not UTF-8", Buffer.from([0x6e, 0x3d, 0xc3, 0x28])],
  ])("refuses %s with a 400 before the route runs", async (_name, body) => {
    seen.length = 0;
    const answer = await send(app.port, "/sign-up", { headers: form, body });
    expect(answer.status).toBe(400);
    expect(answer.text).toBe("refused error.badRequest.body");
    expect(seen.map((entry) => `${entry.method} ${entry.url}`)).toEqual(["GET /__refused"]);
  });

  it("refuses a NUL in a small multipart form's text", async () => {
    const multipart = new FormData();
    multipart.set("name", "A\u0000B");
    const encoded = new Request("http://x/", { method: "POST", body: multipart });
    const answer = await send(app.port, "/sign-up", { headers: { "Content-Type": encoded.headers.get("Content-Type")! }, body: Buffer.from(await encoded.arrayBuffer()) });
    expect(answer.status).toBe(400);
  });

  it("refuses a NUL in a photo form's text (the upload parser checks it)", async () => {
    const multipart = new FormData();
    multipart.set("nameId", "Kripik\u0000");
    const encoded = new Request("http://x/", { method: "POST", body: multipart });
    const answer = await send(app.port, "/member/products/new", { headers: { "Content-Type": encoded.headers.get("Content-Type")! }, body: Buffer.from(await encoded.arrayBuffer()) });
    expect(answer.status).toBe(400);
    expect(answer.text).toBe("error.badRequest.body");
  });

  it.each(["/products?q=%E0%A4%A", "/products?q=%", "/products?q=a%00b", "/p/%00", "/media/%E0%A4%A/x/w320.webp", "/%"])("refuses %s with a 400 page from the app", async (target) => {
    seen.length = 0;
    const answer = await send(app.port, target);
    expect(answer.status).toBe(400);
    expect(seen.map((entry) => entry.url)).toEqual(["/__refused"]);
  });

  it("keeps the visitor's language for the refusal page, and answers a refused JavaScript submission as an action", async () => {
    seen.length = 0;
    await send(app.port, "/products?lang=en&q=%00");
    expect(seen[0]!.url).toBe("/__refused?lang=en");
    await send(app.port, "/sign-up.data", { headers: form, body: "name=%00" });
    expect(seen[1]!.method).toBe("POST");
    expect(seen[1]!.url).toBe("/__refused.data");
    // A JavaScript page load cannot be answered with a page: a short text in both languages.
    const load = await send(app.port, "/products.data?q=%00");
    expect(load.status).toBe(400);
    expect(load.text).toContain("We could not process that request");
    expect(seen).toHaveLength(2);
  });

  it("lets well-formed escapes through", async () => {
    seen.length = 0;
    const answer = await send(app.port, "/products?q=kripik+pedas%20%E2%9C%93&lang=en");
    expect(answer.status).toBe(200);
    expect(seen[0]!.url).toBe("/products?q=kripik+pedas%20%E2%9C%93&lang=en");
  });

  it("drops a cookie that cannot be read and keeps the others", async () => {
    seen.length = 0;
    const answer = await send(app.port, "/", { headers: { Cookie: "lang=%E0%A4%A; etalase_session=abc.def; bad=a%00b; theme=sea" } });
    expect(answer.status).toBe(200);
    expect(seen[0]!.cookie).toBe("etalase_session=abc.def; theme=sea");
    await send(app.port, "/", { headers: { Cookie: "lang=%" } });
    expect(seen[1]!.cookie).toBeNull();
  });
});

describe("static files", () => {
  it("serves the client build's files, and sends other paths to the app without looking for a file", async () => {
    const favicon = await send(app.port, "/favicon.svg");
    expect([favicon.status, favicon.text, favicon.headers["cache-control"]]).toEqual([200, "<svg/>", "public, max-age=3600"]);
    const asset = await send(app.port, "/assets/entry-abc123.js");
    expect([asset.status, asset.headers["cache-control"]]).toEqual([200, "public, max-age=31536000, immutable"]);
    // A file that appears after the start is not a file of the build: the path is the app's.
    fs.writeFileSync(path.join(clientDirectory, "late.txt"), "late");
    seen.length = 0;
    const late = await send(app.port, "/late.txt");
    expect(late.text).not.toBe("late");
    expect(seen.map((request) => request.url)).toEqual(["/late.txt"]);
  });

  it("sends a chunk as the build compressed it, brotli where the browser takes it, and never compresses it again", async () => {
    const asked = async (acceptEncoding: string | undefined) => {
      const answer = await send(app.port, "/assets/shop-def456.js", { headers: acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {} });
      expect(answer.status).toBe(200);
      expect(answer.headers["content-type"]).toMatch(/^text\/javascript; charset=utf-8$/i);
      expect(answer.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(answer.headers["vary"]).toContain("Accept-Encoding");
      return answer;
    };
    const brotli = await asked("gzip, deflate, br, zstd");
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotli.bytes).toEqual(fs.readFileSync(path.join(clientDirectory, "assets", "shop-def456.js.br")));
    expect(zlib.brotliDecompressSync(brotli.bytes)).toEqual(shopChunk);
    const gzipped = await asked("gzip, deflate");
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gzipped.bytes)).toEqual(shopChunk);
    const plain = await asked(undefined);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.bytes).toEqual(shopChunk);
    // A file the build left without compressed copies is still served (and compressed as it goes, if large).
    const entry = await send(app.port, "/assets/entry-abc123.js", { headers: { "Accept-Encoding": "br" } });
    expect([entry.status, entry.text]).toEqual([200, "console.log('hi')"]);
  });
});

describe("photos", () => {
  const photoPath = (rest: string) => `/media/${photo.cooperative}/${photo.asset}/${rest}`;

  it("sends a variant already made from disk, in the format the browser takes, without the app", async () => {
    seen.length = 0;
    const avif = await send(app.port, photoPath("w480"), { headers: { Accept: "image/avif,image/webp,image/*,*/*;q=0.8" } });
    expect([avif.status, avif.text, avif.headers["content-type"], avif.headers["cache-control"], avif.headers["vary"]]).toEqual([
      200,
      "avif bytes",
      "image/avif",
      "public, max-age=31536000, immutable",
      "Accept",
    ]);
    const webp = await send(app.port, photoPath("w480"), { headers: { Accept: "image/webp,*/*" } });
    expect([webp.status, webp.text, webp.headers["content-type"]]).toEqual([200, "webp bytes", "image/webp"]);
    // A URL that names its format gets it whatever the browser takes, and does not vary.
    const named = await send(app.port, photoPath("w480.webp"), { headers: { Accept: "image/avif" } });
    expect([named.text, named.headers["vary"]]).toEqual(["webp bytes", undefined]);
    // The browser's copy is still good: 304, nothing sent again.
    const again = await send(app.port, photoPath("w480"), { headers: { Accept: "image/webp", "If-None-Match": String(webp.headers["etag"]) } });
    expect([again.status, again.text]).toEqual([304, ""]);
    expect(seen).toEqual([]);
  });

  it("leaves to the app a variant not made yet and any path that is not a variant", async () => {
    seen.length = 0;
    const paths = [
      photoPath("w320"), // not made yet: the app makes it
      photoPath("w481"),
      photoPath("w480.png"),
      `/media/${photo.cooperative}/../${photo.asset}/w480`,
      `/media/${photo.cooperative}/${photo.asset}/..%2Fw480`,
      `/media/not-a-uuid-not-a-uuid-not-a-uuid-1234/${photo.asset}/w480`,
    ];
    for (const target of paths) {
      const answer = await send(app.port, target, { headers: { Accept: "image/webp" } });
      expect(answer.text, target).not.toContain("bytes");
    }
    // Each went on to the app (which reads the `..` path as the URL standard resolves it).
    expect(seen).toHaveLength(paths.length);
    expect(seen[0]!.url).toBe(photoPath("w320"));
  });
});

describe("a photo's send that fails", () => {
  /** The middleware with a response whose `sendFile` sets the photo's headers, then fails as given. */
  async function failedSend(code: string, destroyed = false) {
    const headers = new Map<string, string>();
    let nextCalled = false;
    const req = { method: "GET", path: `/${photo.cooperative}/${photo.asset}/w480`, destroyed, get: () => "image/webp" } as unknown as express.Request;
    await new Promise<void>((sent) => {
      const res = {
        headersSent: false,
        setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value),
        removeHeader: (name: string) => headers.delete(name.toLowerCase()),
        sendFile(_file: string, options: { headers: Record<string, string> }, done: (error: NodeJS.ErrnoException) => void) {
          for (const [name, value] of Object.entries(options.headers)) headers.set(name.toLowerCase(), value);
          done(Object.assign(new Error(code), { code }));
          sent();
        },
      } as unknown as express.Response;
      madeMediaFiles(clientDirectory)(req, res, () => (nextCalled = true));
    });
    return { nextCalled, headers: [...headers.keys()] };
  }

  it("goes on to the app without its headers when the file went between the look and the send", async () => {
    expect(await failedSend("ENOENT")).toEqual({ nextCalled: true, headers: [] });
  });

  it("does nothing more for a shopper who left", async () => {
    expect((await failedSend("ECONNABORTED")).nextCalled).toBe(false);
    expect((await failedSend("EPIPE", true)).nextCalled).toBe(false);
  });
});

describe("security headers", () => {
  const expectHeaders = (headers: http.IncomingHttpHeaders) => {
    const csp = String(headers["content-security-policy"]);
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["permissions-policy"]).toMatch(/(^|, )camera=\(self\)/);
    expect(headers["permissions-policy"]).toContain("microphone=()");
    expect(headers["permissions-policy"]).toContain("geolocation=()");
  };

  it("are on every response: pages, assets, health, refusals, cross-site refusals and failures", async () => {
    const responses = [
      await send(app.port, "/"),
      await send(app.port, "/assets/entry-abc123.js"),
      await send(app.port, "/healthz"),
      await send(app.port, "/products?q=%00"),
      await send(app.port, "/sign-in", { headers: { ...form, "Content-Length": String(FORM_BODY_BYTES + 1) }, stream: { chunk: Buffer.alloc(1024, 97), total: FORM_BODY_BYTES + 1 } }),
      await send(app.port, "/sign-in", { headers: { ...form, Origin: "https://evil.example" }, body: "a=1" }),
      await send(app.port, "/boom"),
    ];
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 400, 413, 403, 500]);
    for (const response of responses) expectHeaders(response.headers);
    expect(responses[6]!.text).toContain("Sorry, something went wrong");
  });

  it("give each response its own nonce, the one the page renders with", async () => {
    seen.length = 0;
    const first = await send(app.port, "/");
    const second = await send(app.port, "/");
    const nonceOf = (answer: Answer) => /'nonce-([^']+)'/.exec(String(answer.headers["content-security-policy"]))![1];
    expect(nonceOf(first)).not.toBe(nonceOf(second));
    expect(seen.map((entry) => entry.nonce)).toEqual([nonceOf(first), nonceOf(second)]);
  });

  it("send HSTS only over HTTPS: X-Forwarded-Proto counts only behind a trusted proxy", async () => {
    expect((await send(app.port, "/")).headers["strict-transport-security"]).toBeUndefined();
    expect((await send(app.port, "/", { headers: { "X-Forwarded-Proto": "https" } })).headers["strict-transport-security"]).toBeUndefined();
    expect((await send(proxied.port, "/", { headers: { "X-Forwarded-Proto": "https" } })).headers["strict-transport-security"]).toBe("max-age=31536000");
    expect((await send(proxied.port, "/assets/entry-abc123.js", { headers: { "X-Forwarded-Proto": "https" } })).headers["strict-transport-security"]).toBe("max-age=31536000");
    expect((await send(proxied.port, "/", { headers: { "X-Forwarded-Proto": "http" } })).headers["strict-transport-security"]).toBeUndefined();
  });
});
