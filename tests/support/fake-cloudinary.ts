import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { closeNow, listenLocally } from "./local-server";

export interface FakeCloudinaryAccount {
  cloudName: string;
  apiKey: string;
  apiSecret: string;
}

export interface ReceivedUpload {
  cloudName: string;
  publicId: string;
  /** Every form field but the file, as sent. */
  fields: Record<string, string>;
  file: Buffer;
  width: number;
  height: number;
  format: string;
  version: number;
}

/** Fields Cloudinary leaves out of the signature. */
const UNSIGNED_FIELDS = new Set(["file", "cloud_name", "resource_type", "api_key", "signature"]);
/** Cloudinary refuses signed requests whose timestamp is older than an hour. */
const MAX_TIMESTAMP_AGE_SECONDS = 60 * 60;

/**
 * A local stand-in for Cloudinary's upload API (`POST /v1_1/<cloud>/image/upload`, multipart/form-data), checking
 * signatures as Cloudinary does: SHA-1 hex of the sorted `key=value` params joined with `&` (signature version 2:
 * an `&` inside a pair becomes `%26`), with the API secret appended.
 */
export class FakeCloudinary {
  /** Uploads stored, by `<cloud name>/<public id>`. */
  readonly uploads = new Map<string, ReceivedUpload>();
  /** Every request answered, refused ones included. */
  readonly requests: { path: string; status: number }[] = [];
  private server: http.Server | undefined;
  private readonly accounts: FakeCloudinaryAccount[];

  constructor(accounts: FakeCloudinaryAccount | FakeCloudinaryAccount[]) {
    this.accounts = Array.isArray(accounts) ? accounts : [accounts];
  }

  /** The `upload_prefix` to hand the SDK, e.g. `http://127.0.0.1:40123`. */
  get uploadPrefix(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error("The fake Cloudinary is not started");
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<void> {
    const server = http.createServer((request, response) => {
      this.handle(request)
        .then(({ status, body }) => this.answer(request, response, status, body))
        .catch((error: unknown) => this.answer(request, response, 500, { error: { message: String(error) } }));
    });
    await listenLocally(server);
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await closeNow(server);
  }

  private answer(request: http.IncomingMessage, response: http.ServerResponse, status: number, body: unknown) {
    this.requests.push({ path: request.url ?? "", status });
    response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    response.end(JSON.stringify(body));
  }

  private async handle(request: http.IncomingMessage): Promise<{ status: number; body: unknown }> {
    const route = /^\/v1_1\/([^/]+)\/image\/upload\/?$/.exec(new URL(request.url ?? "/", "http://fake").pathname);
    if (request.method !== "POST" || !route) return failure(404, "Not found");
    const cloudName = decodeURIComponent(route[1]!);
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(request.headers["content-type"] ?? "");
    if (!boundary) return failure(400, "Expected multipart/form-data");
    const parts = parseMultipart(await readBody(request), boundary[1] ?? boundary[2]!);

    const fields: Record<string, string> = {};
    const arrays: Record<string, string[]> = {};
    let file: Buffer | undefined;
    for (const part of parts) {
      if (part.name === "file") file = part.data;
      else if (part.name.endsWith("[]")) (arrays[part.name.slice(0, -2)] ??= []).push(part.data.toString("utf8"));
      else fields[part.name] = part.data.toString("utf8");
    }
    for (const [name, values] of Object.entries(arrays)) fields[name] = values.join(",");

    const account = this.accounts.find((candidate) => candidate.cloudName === cloudName);
    if (!account) return failure(401, `Invalid cloud_name ${cloudName}`);
    if (!fields.api_key) return failure(401, "Must supply api_key");
    if (fields.api_key !== account.apiKey) return failure(401, `Invalid api_key ${fields.api_key}`);
    if (!fields.signature) return failure(401, "Must supply signature");
    if (!fields.timestamp) return failure(401, "Missing required parameter - timestamp");
    const expected = signatureOf(fields, account.apiSecret);
    if (fields.signature !== expected) {
      return failure(401, `Invalid Signature ${fields.signature}. String to sign - '${stringToSign(fields)}'.`);
    }
    const age = Math.floor(Date.now() / 1000) - Number(fields.timestamp);
    if (!Number.isFinite(age) || age > MAX_TIMESTAMP_AGE_SECONDS) {
      return failure(400, `Stale request - reported time is ${fields.timestamp} which is more than 1 hour ago`);
    }
    if (!file || file.length === 0) return failure(400, "Missing required parameter - file");

    let metadata: sharp.Metadata;
    try {
      metadata = await sharp(file).metadata();
    } catch {
      return failure(400, "Invalid image file");
    }
    if (!metadata.width || !metadata.height || !metadata.format) return failure(400, "Invalid image file");

    const publicId = fields.public_id || randomBytes(10).toString("hex");
    const key = `${cloudName}/${publicId}`;
    const overwrite = !["0", "false"].includes(fields.overwrite ?? "1");
    const existing = this.uploads.get(key);
    if (existing && !overwrite) return { status: 200, body: { ...resource(existing), existing: true } };

    const upload: ReceivedUpload = {
      cloudName,
      publicId,
      fields,
      file,
      width: metadata.width,
      height: metadata.height,
      format: metadata.format === "jpeg" ? "jpg" : metadata.format,
      version: Math.floor(Date.now() / 1000),
    };
    this.uploads.set(key, upload);
    return { status: 200, body: { ...resource(upload), existing: false } };
  }
}

function resource(upload: ReceivedUpload) {
  const path = `v${upload.version}/${upload.publicId}.${upload.format}`;
  return {
    asset_id: createHash("md5").update(`${upload.cloudName}/${upload.publicId}`).digest("hex"),
    public_id: upload.publicId,
    version: upload.version,
    version_id: createHash("md5").update(`${upload.publicId}/${upload.version}`).digest("hex"),
    signature: createHash("sha1").update(`public_id=${upload.publicId}&version=${upload.version}`).digest("hex"),
    width: upload.width,
    height: upload.height,
    format: upload.format,
    resource_type: "image",
    created_at: new Date(upload.version * 1000).toISOString(),
    tags: [],
    bytes: upload.file.length,
    type: "upload",
    etag: createHash("md5").update(upload.file).digest("hex"),
    placeholder: false,
    url: `http://res.cloudinary.com/${upload.cloudName}/image/upload/${path}`,
    secure_url: `https://res.cloudinary.com/${upload.cloudName}/image/upload/${path}`,
    original_filename: upload.fields.filename ?? "file",
  };
}

function failure(status: number, message: string) {
  return { status, body: { error: { message } } };
}

/** The string Cloudinary signs: sorted, non-empty `key=value` pairs joined with `&`, `&` inside a pair as `%26`. */
export function stringToSign(fields: Record<string, string>): string {
  return Object.entries(fields)
    .filter(([key, value]) => !UNSIGNED_FIELDS.has(key) && value !== "")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`.replace(/&/g, "%26"))
    .join("&");
}

export function signatureOf(fields: Record<string, string>, apiSecret: string): string {
  return createHash("sha1").update(stringToSign(fields) + apiSecret).digest("hex");
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** A minimal multipart/form-data reader: enough for what the SDK sends. */
function parseMultipart(body: Buffer, boundary: string): { name: string; filename?: string; data: Buffer }[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: { name: string; filename?: string; data: Buffer }[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === "--") break;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), afterDelimiter);
    if (next === -1) break;
    const part = body.subarray(afterDelimiter + 2, next); // skip the CRLF after the delimiter
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString("utf8");
      const name = /(?:^|[;\s])name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      if (name !== undefined) parts.push({ name, filename, data: part.subarray(headerEnd + 4) });
    }
    start = next + 2;
  }
  return parts;
}
