import path from "node:path";
import { z } from "zod";
import { decodeSecretsKey } from "./secret-box.server";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
  ),
  DATA_DIR: z.string().default(".data"),
  /**
   * The platform's own address (scheme, host, port): links that belong to no cooperative's host, and the scheme
   * and port of every shop's address. Links never come from request headers.
   */
  PUBLIC_URL: optionalString.pipe(
    z
      .string()
      .regex(/^https?:\/\/[^/?#\s]+\/?$/, "must be an origin such as https://etalase.example (no path)")
      .optional(),
  ),
  DEFAULT_COOPERATIVE: optionalString,
  /** `smtp://user:pass@host:587` or `smtps://…`: e-mails are sent; unset, they are kept in the outbox for staff. */
  SMTP_URL: optionalString.pipe(z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional()),
  /** The From address of e-mails. */
  SMTP_FROM: z.string().default("Etalase <no-reply@etalase.local>"),
  /** Signs session cookies. Generated once into DATA_DIR for development; required in production with DATABASE_URL. */
  SESSION_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  /**
   * Encrypts the payment provider keys each cooperative stores (AES-256-GCM): 64 hex characters or 32 bytes in
   * base64/base64url. Generated once into DATA_DIR for development; in production with DATABASE_URL, without it
   * no cooperative can store provider keys (the shop still runs).
   */
  SECRETS_KEY: optionalString.pipe(
    z
      .string()
      .refine((value) => decodeSecretsKey(value) !== null, "must be 32 bytes as 64 hex characters or 43-44 base64 characters (openssl rand -hex 32)")
      .optional(),
  ),
  /** Mark cookies Secure (HTTPS only). Unset: on in production with DATABASE_URL, off for the local demo. */
  SECURE_COOKIES: z
    .enum(["true", "false", "1", "0", ""])
    .optional()
    .transform((value) => (value === undefined || value === "" ? undefined : value === "true" || value === "1")),
  /** `cloudinary://API_KEY:API_SECRET@CLOUD_NAME`: images go to Cloudinary (signed uploads, CDN delivery). */
  CLOUDINARY_URL: optionalString.pipe(z.string().regex(/^cloudinary:\/\/[^:]+:[^@]+@[\w-]+\/?$/, "must look like cloudinary://API_KEY:API_SECRET@CLOUD_NAME").optional()),
  /**
   * `off`: this server runs no background jobs (an app server of a deployment whose jobs run in `npm run worker`).
   * Unset or `on`: `npm start` and `npm run dev` run the job runner in-process.
   */
  JOBS: z
    .enum(["on", "off", ""])
    .default("on")
    .transform((value) => value !== "off"),
  /**
   * Connections each app process keeps to Postgres. Unset: twice this machine's cores (at least 6) for a Postgres on
   * this machine (embedded, or DATABASE_URL on localhost), else 10 (decision 46).
   */
  DATABASE_POOL_SIZE: optionalString.pipe(z.coerce.number<string | undefined>().int().min(1).max(500).optional()),
  /**
   * App processes `npm start` serves with (node:cluster, decision 52). Unset: one a processor core; 1: a single process
   * (no cluster).
   */
  WEB_CONCURRENCY: optionalString.pipe(z.coerce.number<string | undefined>().int().min(1).max(64).optional()),
  /** Megabytes of shop pages each app process keeps rendered (decision 25); `0` turns the page cache off. */
  PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
  /** Behind a load balancer or CDN: take the client's address and protocol from X-Forwarded-* headers. */
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0", ""])
    .default("false")
    .transform((value) => value === "true" || value === "1"),
  // Payment providers for a single-cooperative deployment; each cooperative may enter its own in its settings.
  MIDTRANS_SERVER_KEY: optionalString,
  MIDTRANS_CLIENT_KEY: optionalString,
  /** `true`: Midtrans's production environment; otherwise its sandbox. */
  MIDTRANS_PRODUCTION: z
    .enum(["true", "false", "1", "0", ""])
    .default("false")
    .transform((value) => value === "true" || value === "1"),
  /** Tests and local fakes only: where the SDK finds Snap (`…/snap/v1`) and the Core API. */
  MIDTRANS_SNAP_URL: optionalString,
  MIDTRANS_CORE_URL: optionalString,
  STRIPE_SECRET_KEY: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,
  /** Tests and local fakes only: Stripe's API address (`http://127.0.0.1:4010`). */
  STRIPE_API_URL: optionalString,
});

export type Env = Omit<z.infer<typeof envSchema>, "PUBLIC_URL"> & { PUBLIC_URL: string; dataDir: string };

export class EnvError extends Error {}

/** Parses the environment once; a bad value stops start-up with a message naming the variable. */
/** Rules across variables: an external database in production needs a shared session secret. */
const configSchema = envSchema.superRefine((value, context) => {
  if (value.NODE_ENV === "production" && value.DATABASE_URL && !value.SESSION_SECRET) {
    context.addIssue({
      code: "custom",
      path: ["SESSION_SECRET"],
      message: "is required in production with DATABASE_URL (at least 32 characters), so every server signs sessions alike",
    });
  }
});

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = configSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const publicUrl = result.data.PUBLIC_URL ?? `http://localhost:${result.data.PORT}`;
  return { ...result.data, PUBLIC_URL: new URL(publicUrl).origin, dataDir: path.resolve(result.data.DATA_DIR) };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
