/**
 * The keys of the e2e server's fake Midtrans account (`scripts/e2e-server.ts`): the shop's environment carries them, and
 * a test that stores the demo cooperative's own keys stores these, so payments keep reaching the fake.
 */
export const E2E_MIDTRANS_KEYS = { serverKey: "SB-Mid-server-E2eSecretServerKey7Kq2", clientKey: "SB-Mid-client-E2ePublicClientKey" } as const;

/** The e2e server's fake Stripe account, in the shop's environment the same way. */
export const E2E_STRIPE_KEYS = { secretKey: "sk_test_E2eSecretKey", webhookSecret: "whsec_E2eWebhookSecret" } as const;
