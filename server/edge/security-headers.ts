import { randomFillSync } from "node:crypto";
import type express from "express";

/**
 * Origins outside this site that a page may use, by what for: the one list to extend (decision 15).
 * Payments send the shopper to the provider's own page by redirect (no provider script runs on our pages), so
 * they only need `form-action`: checkout's form is answered with a redirect there, and browsers hold the
 * redirect to this list.
 */
export const externalOrigins: Record<"script" | "frame" | "connect" | "img" | "formAction", readonly string[]> = {
  script: [],
  frame: [],
  connect: [],
  /** Product photos when `CLOUDINARY_URL` is set. */
  img: ["https://res.cloudinary.com"],
  /** Where a form may post or redirect after posting: Midtrans Snap's and Stripe Checkout's hosted pages. */
  formAction: ["https://app.midtrans.com", "https://app.sandbox.midtrans.com", "https://checkout.stripe.com"],
};

/** The list with the hosted payment pages of local fakes configured for tests (MIDTRANS_SNAP_URL, STRIPE_API_URL). */
export function withConfiguredPaymentPages(origins: typeof externalOrigins, urls: (string | undefined)[]): typeof externalOrigins {
  const extra = urls.flatMap((url) => (url ? [new URL(url).origin] : []));
  return extra.length ? { ...origins, formAction: [...origins.formAction, ...extra] } : origins;
}

export interface CspOptions {
  /** This response's nonce; or, for a page served to many (the page cache), the hashes of its inline scripts. */
  nonce?: string;
  scriptHashes?: readonly string[];
  /** Vite's dev server: hot updates over a web socket. */
  dev?: boolean;
  origins?: typeof externalOrigins;
}

/**
 * The page's Content-Security-Policy. Scripts run only from this site or with this response's nonce (React's
 * and Remix's inline scripts carry it), nothing frames the shop, plugins are off. Inline `style` attributes stay
 * allowed: a placeholder colour is one, and styles cannot run code.
 */
export function contentSecurityPolicy({ nonce, scriptHashes = [], dev = false, origins = externalOrigins }: CspOptions): string {
  const list = (...sources: readonly string[]) => sources.join(" ");
  const directives: [string, string][] = [
    ["default-src", "'self'"],
    ["script-src", list("'self'", ...(nonce ? [`'nonce-${nonce}'`] : []), ...scriptHashes, ...origins.script)],
    ["style-src", "'self' 'unsafe-inline'"],
    // blob: previews of photos picked for upload; data: tiny inline images.
    ["img-src", list("'self'", "data:", "blob:", ...origins.img)],
    ["font-src", "'self'"],
    ["connect-src", list("'self'", ...origins.connect, ...(dev ? ["ws:", "wss:"] : []))],
    ["frame-src", list("'self'", ...origins.frame)],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", list("'self'", ...origins.formAction)],
    ["frame-ancestors", "'none'"],
  ];
  return directives.map(([name, value]) => `${name} ${value}`).join("; ");
}

/** Members take product photos with the camera; nothing else a shop needs from the device. */
export const permissionsPolicy = [
  "camera=(self)",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "hid=()",
  "midi=()",
  "magnetometer=()",
  "gyroscope=()",
  "accelerometer=()",
  "display-capture=()",
  "browsing-topics=()",
].join(", ");

export const HSTS = "max-age=31536000";

declare module "express-serve-static-core" {
  interface Locals {
    /** This response's CSP nonce. */
    cspNonce: string;
  }
}

/**
 * Security headers on every response (pages, assets, errors, refusals), set before anything else answers.
 * HSTS only over HTTPS: the socket's, or with TRUST_PROXY the one X-Forwarded-Proto names (`req.secure`).
 */
export function securityHeaders(options: { dev?: boolean; origins?: typeof externalOrigins } = {}): express.RequestHandler {
  return (request, response, next) => {
    const nonce = freshNonce();
    response.locals.cspNonce = nonce;
    response.setHeader("Content-Security-Policy", contentSecurityPolicy({ nonce, dev: options.dev, origins: options.origins }));
    response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Permissions-Policy", permissionsPolicy);
    if (request.secure) response.setHeader("Strict-Transport-Security", HSTS);
    next();
  };
}

/**
 * 16 random bytes, base64: a script nonce. Drawn from a pool filled 256 nonces at a time, since asking the system for
 * 16 bytes on every page was 1.6 % of a small page's CPU (decision 44). Each nonce's bytes are used once.
 */
const NONCE_BYTES = 16;
const noncePool = Buffer.alloc(NONCE_BYTES * 256);
let nonceOffset = noncePool.length;

export function freshNonce(): string {
  if (nonceOffset === noncePool.length) {
    randomFillSync(noncePool);
    nonceOffset = 0;
  }
  const nonce = noncePool.toString("base64", nonceOffset, nonceOffset + NONCE_BYTES);
  nonceOffset += NONCE_BYTES;
  return nonce;
}
