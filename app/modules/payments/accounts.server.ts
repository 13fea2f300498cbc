import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~db/client";
import { providerAccounts } from "~db/schema";
import { changedFields } from "~/lib/changes";
import { openSecret, sealSecret, SecretBoxError } from "~/lib/secret-box.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { OnlineProvider } from "./provider";

/**
 * Each cooperative's own accounts at Midtrans and Stripe (it is the seller of record; docs/decisions/0021).
 * The secret keys are sealed with the deployment's SECRETS_KEY, bound to the cooperative and provider; pages,
 * logs and the audit log only ever see masked hints such as `SB-Mid-server-••••Ab12`.
 */

export type MidtransAccount = { provider: "midtrans"; serverKey: string; clientKey: string; production: boolean };
export type StripeAccount = { provider: "stripe"; secretKey: string; webhookSecret: string };
export type ProviderAccount = MidtransAccount | StripeAccount;

/** What a settings page may show of an account: no secret, only hints. */
export type ProviderAccountSummary =
  | { provider: "midtrans"; enabled: boolean; hint: string; settings: MidtransSettings; updatedAt: Date }
  | { provider: "stripe"; enabled: boolean; hint: string; settings: StripeSettings; updatedAt: Date };

/** Not secret: Midtrans's client key is sent to shoppers' browsers by Snap anyway. */
export type MidtransSettings = { clientKey: string; production: boolean };
export type StripeSettings = { webhookSecretHint: string };

interface AccountChange {
  cooperativeId: string;
  actorUserId: string | null;
  ipAddress?: string;
  enabled: boolean;
}

/** A secret left empty ("") keeps the stored one. */
export type SaveProviderAccountInput = AccountChange &
  ({ provider: "midtrans"; serverKey: string; clientKey: string; production: boolean } | { provider: "stripe"; secretKey: string; webhookSecret: string });

export type ProviderAccountError =
  | "server_key_required"
  | "server_key_shape"
  | "client_key_shape"
  /** Sandbox keys (`SB-…`) with "production" ticked, production keys without it, or one key of each. */
  | "midtrans_environment"
  | "secret_key_required"
  | "secret_key_shape"
  | "webhook_secret_required"
  | "webhook_secret_shape"
  /** A secret was left empty to keep the stored one, but the stored one cannot be opened with this SECRETS_KEY. */
  | "stored_unreadable";

/** A stored account that cannot be read: SECRETS_KEY is missing, or is not the key it was sealed with. */
export class ProviderAccountUnreadable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProviderAccountUnreadable";
  }
}

const keyShapes = {
  serverKey: /^(SB-)?Mid-server-[A-Za-z0-9_-]{8,200}$/,
  clientKey: /^(SB-)?Mid-client-[A-Za-z0-9_-]{8,200}$/,
  secretKey: /^[sr]k_(test|live)_[A-Za-z0-9]{8,250}$/,
  webhookSecret: /^whsec_[A-Za-z0-9+/=_-]{8,250}$/,
};
const knownPrefix = /^(SB-Mid-server-|Mid-server-|SB-Mid-client-|Mid-client-|[sr]k_(test|live)_|whsec_)/;

/** `SB-Mid-server-••••Ab12`: the key's kind and its last four characters, when the key is long enough to spare them. */
export function maskSecret(value: string): string {
  const prefix = knownPrefix.exec(value)?.[0] ?? "";
  const rest = value.slice(prefix.length);
  return `${prefix}••••${rest.length >= 12 ? rest.slice(-4) : ""}`;
}

const storedSecrets = {
  midtrans: z.object({ serverKey: z.string().min(1) }),
  stripe: z.object({ secretKey: z.string().min(1), webhookSecret: z.string().min(1) }),
};
type StoredSecrets = { midtrans: { serverKey: string }; stripe: { secretKey: string; webhookSecret: string } };

const storedSettings = {
  midtrans: z.object({ clientKey: z.string().catch(""), production: z.boolean().catch(false) }),
  stripe: z.object({ webhookSecretHint: z.string().catch("") }),
};

/** What the sealed text is bound to: opened for another cooperative or provider, it fails. */
const purposeOf = (cooperativeId: string, provider: OnlineProvider) => `provider_accounts:${cooperativeId}:${provider}`;

const providerNames: Record<OnlineProvider, string> = { midtrans: "Midtrans", stripe: "Stripe" };

/** The secrets of a stored row, or "unreadable" when this key cannot open them. */
function openStored<P extends OnlineProvider>(provider: P, sealed: string, key: Buffer, cooperativeId: string): StoredSecrets[P] | "unreadable" {
  let text: string;
  try {
    text = openSecret(key, sealed, purposeOf(cooperativeId, provider));
  } catch (error) {
    if (error instanceof SecretBoxError) return "unreadable";
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "unreadable";
  }
  const parsed = storedSecrets[provider].safeParse(value);
  return parsed.success ? (parsed.data as StoredSecrets[P]) : "unreadable";
}

const rowOf = (db: Db, cooperativeId: string, provider: OnlineProvider) =>
  db
    .select()
    .from(providerAccounts)
    .where(and(eq(providerAccounts.cooperativeId, cooperativeId), eq(providerAccounts.provider, provider)));

/**
 * The cooperative's enabled account at a provider with its secrets, for starting and checking payments; null
 * when it has none (or it is switched off). Throws `ProviderAccountUnreadable` when one is stored but cannot
 * be opened: without SECRETS_KEY, or with another key than it was saved with.
 */
export async function providerAccount<P extends OnlineProvider>(
  db: Db,
  cooperativeId: string,
  provider: P,
  secretsKey: Buffer | null,
): Promise<Extract<ProviderAccount, { provider: P }> | null> {
  const [row] = await rowOf(db, cooperativeId, provider);
  if (!row || !row.enabled) return null;
  const name = providerNames[provider];
  if (!secretsKey) {
    throw new ProviderAccountUnreadable(`This cooperative's ${name} keys are stored encrypted, but SECRETS_KEY is not set: set the key they were saved with.`);
  }
  const secrets = openStored(provider, row.secretCiphertext, secretsKey, cooperativeId);
  if (secrets === "unreadable") {
    throw new ProviderAccountUnreadable(`This cooperative's ${name} keys cannot be opened with this SECRETS_KEY (was it changed?): set the old key, or enter the keys again in the payment settings.`);
  }
  const account: ProviderAccount =
    provider === "midtrans"
      ? { provider: "midtrans", serverKey: (secrets as StoredSecrets["midtrans"]).serverKey, ...storedSettings.midtrans.parse(row.settings) }
      : { provider: "stripe", ...(secrets as StoredSecrets["stripe"]) };
  return account as Extract<ProviderAccount, { provider: P }>;
}

/** The online providers the cooperative has switched on, in a fixed order. Reads no secret. */
export async function enabledOnlineProviders(db: Db, cooperativeId: string): Promise<OnlineProvider[]> {
  const rows = await db
    .select({ provider: providerAccounts.provider })
    .from(providerAccounts)
    .where(and(eq(providerAccounts.cooperativeId, cooperativeId), eq(providerAccounts.enabled, true)))
    .orderBy(asc(providerAccounts.provider));
  return rows.map((row) => row.provider).filter((provider): provider is OnlineProvider => provider !== "manual");
}

/** Every stored account of the cooperative, switched on or off, as hints: what the settings page shows. */
export async function providerAccountSummaries(db: Db, cooperativeId: string): Promise<ProviderAccountSummary[]> {
  const rows = await db
    .select({
      provider: providerAccounts.provider,
      enabled: providerAccounts.enabled,
      hint: providerAccounts.secretHint,
      settings: providerAccounts.settings,
      updatedAt: providerAccounts.updatedAt,
    })
    .from(providerAccounts)
    .where(eq(providerAccounts.cooperativeId, cooperativeId))
    .orderBy(asc(providerAccounts.provider));
  return rows.flatMap((row): ProviderAccountSummary[] => {
    if (row.provider === "midtrans") return [{ ...row, provider: "midtrans", settings: storedSettings.midtrans.parse(row.settings) }];
    if (row.provider === "stripe") return [{ ...row, provider: "stripe", settings: storedSettings.stripe.parse(row.settings) }];
    return [];
  });
}

type Plan = { ok: true; secrets: object; settings: Record<string, string | boolean>; hint: string } | { ok: false; errors: ProviderAccountError[] };

/** A typed secret, else the stored one; `required` when there is neither, `stored_unreadable` when the stored one cannot be opened. */
function secretOrStored(
  typed: string,
  stored: string | undefined,
  unreadable: boolean,
  shape: RegExp,
  errors: ProviderAccountError[],
  codes: [required: ProviderAccountError, shape: ProviderAccountError],
): string {
  if (typed) {
    if (!shape.test(typed)) errors.push(codes[1]);
    return typed;
  }
  if (stored) return stored;
  errors.push(unreadable ? "stored_unreadable" : codes[0]);
  return "";
}

function planMidtrans(input: Extract<SaveProviderAccountInput, { provider: "midtrans" }>, stored: StoredSecrets["midtrans"] | "unreadable" | null): Plan {
  const errors: ProviderAccountError[] = [];
  const unreadable = stored === "unreadable";
  const known = stored && stored !== "unreadable" ? stored : undefined;
  const serverKey = secretOrStored(input.serverKey, known?.serverKey, unreadable, keyShapes.serverKey, errors, ["server_key_required", "server_key_shape"]);
  if (!keyShapes.clientKey.test(input.clientKey)) errors.push("client_key_shape");
  else if (serverKey && keyShapes.serverKey.test(serverKey)) {
    const sandbox = [serverKey, input.clientKey].map((key) => key.startsWith("SB-"));
    if (sandbox[0] !== sandbox[1] || sandbox[0] === input.production) errors.push("midtrans_environment");
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, secrets: { serverKey }, settings: { clientKey: input.clientKey, production: input.production }, hint: maskSecret(serverKey) };
}

function planStripe(input: Extract<SaveProviderAccountInput, { provider: "stripe" }>, stored: StoredSecrets["stripe"] | "unreadable" | null): Plan {
  const errors: ProviderAccountError[] = [];
  const unreadable = stored === "unreadable";
  const known = stored && stored !== "unreadable" ? stored : undefined;
  const secretKey = secretOrStored(input.secretKey, known?.secretKey, unreadable, keyShapes.secretKey, errors, ["secret_key_required", "secret_key_shape"]);
  const webhookSecret = secretOrStored(input.webhookSecret, known?.webhookSecret, unreadable, keyShapes.webhookSecret, errors, [
    "webhook_secret_required",
    "webhook_secret_shape",
  ]);
  if (errors.length > 0) return { ok: false, errors: [...new Set(errors)] };
  return { ok: true, secrets: { secretKey, webhookSecret }, settings: { webhookSecretHint: maskSecret(webhookSecret) }, hint: maskSecret(secretKey) };
}

/** An account as the audit log may record it: hints, never a secret. */
function auditView(provider: OnlineProvider, enabled: boolean, hint: string, settings: Record<string, unknown>): Record<string, string | boolean> {
  if (provider === "midtrans") {
    const { clientKey, production } = storedSettings.midtrans.parse(settings);
    return { enabled, serverKey: hint, clientKey: clientKey ? maskSecret(clientKey) : "", production };
  }
  return { enabled, secretKey: hint, webhookSecret: storedSettings.stripe.parse(settings).webhookSecretHint };
}

/**
 * Saves the cooperative's account at a provider: checks the keys' shapes (and that Midtrans's keys and its
 * "production" choice agree), seals the secrets and audits the change with hints only
 * (`payments.account_saved`). A secret left empty keeps the stored one. Nothing changed: nothing written.
 */
export async function saveProviderAccount(
  db: Db,
  input: SaveProviderAccountInput,
  secretsKey: Buffer,
): Promise<{ ok: true; changed: boolean } | { ok: false; error: ProviderAccountError; errors: ProviderAccountError[] }> {
  return db.transaction(async (tx) => {
    const [current] = await rowOf(tx, input.cooperativeId, input.provider).for("update");
    const stored = current ? openStored(input.provider, current.secretCiphertext, secretsKey, input.cooperativeId) : null;
    const plan =
      input.provider === "midtrans"
        ? planMidtrans(input, stored as StoredSecrets["midtrans"] | "unreadable" | null)
        : planStripe(input, stored as StoredSecrets["stripe"] | "unreadable" | null);
    if (!plan.ok) return { ok: false as const, error: plan.errors[0]!, errors: plan.errors };

    const secretsChanged = !stored || stored === "unreadable" || JSON.stringify(stored) !== JSON.stringify(plan.secrets);
    const diff = changedFields(
      current ? auditView(input.provider, current.enabled, current.secretHint, current.settings) : {},
      auditView(input.provider, input.enabled, plan.hint, plan.settings),
    );
    if (!secretsChanged && diff.changed.length === 0) return { ok: true as const, changed: false };

    const values = {
      enabled: input.enabled,
      settings: plan.settings,
      secretCiphertext: sealSecret(secretsKey, JSON.stringify(plan.secrets), purposeOf(input.cooperativeId, input.provider)),
      secretHint: plan.hint,
      updatedBy: input.actorUserId,
    };
    await tx
      .insert(providerAccounts)
      .values({ cooperativeId: input.cooperativeId, provider: input.provider, ...values })
      .onConflictDoUpdate({ target: [providerAccounts.cooperativeId, providerAccounts.provider], set: { ...values, updatedAt: sql`now()` } });
    await recordAudit(tx, {
      cooperativeId: input.cooperativeId,
      actorUserId: input.actorUserId,
      action: "payments.account_saved",
      entityType: "provider_account",
      entityId: input.provider,
      before: current ? diff.before : null,
      after: { ...diff.after, ...(secretsChanged ? { secretsReplaced: true } : {}) },
      ipAddress: input.ipAddress,
    });
    return { ok: true as const, changed: true };
  });
}

/**
 * Switches the account off (kept, so switching it on again needs no keys); needs no SECRETS_KEY, so a
 * deployment without one can still stop a provider. Audited as `payments.account_disabled`.
 */
export async function disableProviderAccount(
  db: Db,
  input: { cooperativeId: string; actorUserId: string | null; ipAddress?: string; provider: OnlineProvider },
): Promise<{ ok: true; changed: boolean } | { ok: false; error: "not_found" }> {
  return db.transaction(async (tx) => {
    const [current] = await rowOf(tx, input.cooperativeId, input.provider).for("update");
    if (!current) return { ok: false as const, error: "not_found" as const };
    if (!current.enabled) return { ok: true as const, changed: false };
    await tx
      .update(providerAccounts)
      .set({ enabled: false, updatedBy: input.actorUserId, updatedAt: sql`now()` })
      .where(and(eq(providerAccounts.cooperativeId, input.cooperativeId), eq(providerAccounts.provider, input.provider)));
    await recordAudit(tx, {
      cooperativeId: input.cooperativeId,
      actorUserId: input.actorUserId,
      action: "payments.account_disabled",
      entityType: "provider_account",
      entityId: input.provider,
      before: { enabled: true },
      after: { enabled: false },
      ipAddress: input.ipAddress,
    });
    return { ok: true as const, changed: true };
  });
}
