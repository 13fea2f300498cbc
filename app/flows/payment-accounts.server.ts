import { asc, eq } from "drizzle-orm";
import type { Db } from "~db/client";
import { cooperatives } from "~db/schema";
import { env, type Env } from "~/lib/env.server";
import { PaymentGateway, type AccountSource, type ProviderAccount } from "./payment-gateway.server";
import type { OnlineProvider } from "~/modules/payments/provider";
import { providerAccount, providerAccountSummaries, ProviderAccountUnreadable } from "~/modules/payments/accounts.server";
import { secretsKey } from "~/lib/secrets-key.server";
import { configureMidtransBaseUrls } from "~/modules/payments/midtrans.server";
import { parseStripeApiUrl } from "~/modules/payments/stripe.server";

/**
 * The environment's provider keys (MIDTRANS_*, STRIPE_*) serve a single-cooperative deployment: they belong to
 * DEFAULT_COOPERATIVE, else to the deployment's first cooperative, never to every shop of a province (other
 * cooperatives enter their own keys in their settings).
 */
export function environmentAccounts(config: Env): AccountSource {
  const fromEnv: Record<OnlineProvider, ProviderAccount | null> = {
    midtrans:
      config.MIDTRANS_SERVER_KEY && config.MIDTRANS_CLIENT_KEY
        ? { provider: "midtrans" as const, serverKey: config.MIDTRANS_SERVER_KEY, clientKey: config.MIDTRANS_CLIENT_KEY, production: config.MIDTRANS_PRODUCTION }
        : null,
    stripe:
      config.STRIPE_SECRET_KEY && config.STRIPE_WEBHOOK_SECRET
        ? { provider: "stripe" as const, secretKey: config.STRIPE_SECRET_KEY, webhookSecret: config.STRIPE_WEBHOOK_SECRET }
        : null,
  };
  async function ownsEnvironmentKeys(db: Db, cooperativeId: string): Promise<boolean> {
    const [owner] = await db
      .select({ id: cooperatives.id })
      .from(cooperatives)
      .where(config.DEFAULT_COOPERATIVE ? eq(cooperatives.slug, config.DEFAULT_COOPERATIVE) : undefined)
      .orderBy(asc(cooperatives.createdAt), asc(cooperatives.id))
      .limit(1);
    return owner?.id === cooperativeId;
  }
  return {
    async account(db, cooperativeId, provider) {
      const account = fromEnv[provider];
      if (!account || !(await ownsEnvironmentKeys(db, cooperativeId))) return null;
      return account;
    },
  };
}

/**
 * A cooperative's own account (settings, secrets sealed with SECRETS_KEY) when it has stored one, even switched
 * off (decision 21); the environment's keys only for a cooperative that never stored its own.
 */
export function cooperativeAccounts(config: Env, key: () => Buffer | null, log: (line: string) => void): AccountSource {
  const fallback = environmentAccounts(config);
  return {
    async account(db, cooperativeId, provider) {
      const stored = (await providerAccountSummaries(db, cooperativeId)).find((summary) => summary.provider === provider);
      if (!stored) return fallback.account(db, cooperativeId, provider);
      if (!stored.enabled) return null;
      try {
        return await providerAccount(db, cooperativeId, provider, key());
      } catch (error) {
        if (!(error instanceof ProviderAccountUnreadable)) throw error;
        log(`The ${provider} account of cooperative ${cooperativeId} cannot be read (SECRETS_KEY missing or changed): ${provider} is not offered.`);
        return null;
      }
    },
  };
}

let gateway: PaymentGateway | undefined;

/** The shop's payment gateway, configured once from the environment. */
export function paymentGateway(): PaymentGateway {
  if (gateway) return gateway;
  const config = env();
  if (config.MIDTRANS_SNAP_URL && config.MIDTRANS_CORE_URL) configureMidtransBaseUrls({ snap: config.MIDTRANS_SNAP_URL, core: config.MIDTRANS_CORE_URL });
  const log = (line: string) => console.warn(line);
  gateway = new PaymentGateway(cooperativeAccounts(config, secretsKey, log), {
    stripeApi: config.STRIPE_API_URL ? parseStripeApiUrl(config.STRIPE_API_URL) : undefined,
    log,
  });
  return gateway;
}
