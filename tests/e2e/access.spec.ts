import fs from "node:fs";
import path from "node:path";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { expect, test } from "../support/shop";
import { DEMO_PASSWORD } from "../../db/seed/demo-users";

/**
 * Every route of the app, walked signed out and as every kind of person, against this table. A new route
 * file without a row here fails the first test.
 */
type Person = "guest" | "customer" | "member" | "manager" | "curator" | "fulfilment" | "treasurer" | "operator";
const people: Person[] = ["guest", "customer", "member", "manager", "curator", "fulfilment", "treasurer", "operator"];
const signIns: Record<Exclude<Person, "guest">, string> = {
  customer: "pembeli@example.com",
  member: "anggota1@kopwan-binor.example",
  manager: "pengurus@kopwan-binor.example",
  curator: "kurator@kopwan-binor.example",
  fulfilment: "gudang@kopwan-binor.example",
  treasurer: "bendahara@kopwan-binor.example",
  operator: "operator@etalase.example",
};
const staff: Person[] = ["manager", "curator", "fulfilment", "treasurer"];
const signedIn: Person[] = people.filter((p) => p !== "guest");
const unknownId = "00000000-0000-4000-8000-000000000000";

/** Who gets in (`allowed`, with the status they get) and what everyone else gets (guests: the sign-in redirect). */
interface Rule {
  path: string;
  allowed: Person[];
  allowedStatus?: number;
  /** Status for signed-in people not allowed (default 403). */
  deniedStatus?: number;
  /** Status for guests when not allowed (default 302 to sign-in). */
  guestStatus?: number;
}
const everyone = people;
const table: Record<string, Rule> = {
  "routes/_index": { path: "/", allowed: everyone },
  "routes/products._index": { path: "/products", allowed: everyone },
  "routes/c.$slug": { path: "/c/keripik-camilan", allowed: everyone },
  "routes/p.$slug": { path: "/p/keripik-singkong-balado", allowed: everyone },
  "routes/producers._index": { path: "/producers", allowed: everyone },
  "routes/producers.$slug": { path: "/producers/dapur-bu-sulastri", allowed: everyone },
  "routes/api.suggest": { path: "/api/suggest?q=keripik", allowed: everyone },
  "routes/api.areas": { path: "/api/areas?level=regency&parent=35", allowed: everyone },
  "routes/api.viewer": { path: "/api/viewer", allowed: everyone },
  "routes/media.$": { path: `/media/${unknownId}/${unknownId}/w320.webp`, allowed: everyone, allowedStatus: 404 },
  "routes/sitemap[.]xml": { path: "/sitemap.xml", allowed: everyone },
  "routes/robots[.]txt": { path: "/robots.txt", allowed: everyone },
  "routes/i18n.$file": { path: "/i18n/id.0.js", allowed: everyone },
  "routes/$": { path: "/tidak-ada", allowed: everyone, allowedStatus: 404 },
  "routes/locale": { path: "/locale", allowed: everyone, allowedStatus: 302 },
  "routes/sign-out": { path: "/sign-out", allowed: everyone, allowedStatus: 302 },
  "routes/daftar-anggota": { path: "/daftar-anggota", allowed: everyone },
  "routes/daftar-anggota_.status.$token": { path: "/daftar-anggota/status/bukan-token-yang-dikirim-lewat-email", allowed: everyone, allowedStatus: 404 },
  "routes/cart": { path: "/cart", allowed: everyone },
  // An empty cart has nothing to check out: back to the cart.
  "routes/checkout": { path: "/checkout", allowed: everyone, allowedStatus: 302 },
  "routes/orders.$token.receipt": { path: "/orders/bukan-token/receipt", allowed: everyone, allowedStatus: 404 },
  "routes/orders.$token": { path: "/orders/bukan-token", allowed: everyone, allowedStatus: 404 },
  "routes/orders.$token.returns.$returnId.photo": { path: `/orders/bukan-token/returns/${unknownId}/photo`, allowed: everyone, allowedStatus: 404 },
  "routes/returns": { path: "/returns", allowed: everyone },
  // Providers post; anything else is refused alike for everyone.
  "routes/webhooks.midtrans": { path: "/webhooks/midtrans", allowed: everyone, allowedStatus: 405 },
  "routes/webhooks.stripe": { path: "/webhooks/stripe", allowed: everyone, allowedStatus: 405 },
  "routes/forgot-password": { path: "/forgot-password", allowed: everyone },
  "routes/reset-password.$token": { path: "/reset-password/bukan-token", allowed: everyone, allowedStatus: 404 },
  "routes/invite.$token": { path: "/invite/bukan-token", allowed: everyone, allowedStatus: 404 },
  "routes/sign-up_.confirm.$token": { path: "/sign-up/confirm/bukan-token", allowed: everyone, allowedStatus: 404 },
  // Signed-in people are sent on to their own area.
  "routes/sign-in": { path: "/sign-in", allowed: ["guest"], deniedStatus: 302 },
  "routes/sign-up": { path: "/sign-up", allowed: ["guest"], deniedStatus: 302 },
  "routes/account": { path: "/account", allowed: signedIn },
  "routes/account.export": { path: "/account/export", allowed: signedIn },
  // A shopper's own orders only: an id that is not theirs is a 404 for everyone signed in.
  "routes/account_.orders.$id": { path: `/account/orders/${unknownId}`, allowed: signedIn, allowedStatus: 404 },
  "routes/account_.orders.$id.receipt": { path: `/account/orders/${unknownId}/receipt`, allowed: signedIn, allowedStatus: 404 },
  "routes/account_.orders.$id.returns.$returnId.photo": { path: `/account/orders/${unknownId}/returns/${unknownId}/photo`, allowed: signedIn, allowedStatus: 404 },
  "routes/admin": { path: "/admin", allowed: staff },
  "routes/admin._index": { path: "/admin", allowed: staff },
  "routes/admin.applications._index": { path: "/admin/applications", allowed: ["manager"] },
  "routes/admin.applications.$id": { path: `/admin/applications/${unknownId}`, allowed: ["manager"], allowedStatus: 404 },
  "routes/admin.members._index": { path: "/admin/members", allowed: staff },
  "routes/admin.members.$id": { path: `/admin/members/${unknownId}`, allowed: staff, allowedStatus: 404 },
  "routes/admin.review._index": { path: "/admin/review", allowed: ["manager", "curator"] },
  "routes/admin.review.$versionId": { path: `/admin/review/${unknownId}`, allowed: ["manager", "curator"], allowedStatus: 404 },
  "routes/admin.bank-accounts": { path: "/admin/bank-accounts", allowed: ["treasurer"] },
  "routes/admin.orders._index": { path: "/admin/orders", allowed: ["manager", "treasurer", "fulfilment"] },
  "routes/admin.handover": { path: "/admin/handover", allowed: ["manager", "treasurer", "fulfilment"] },
  "routes/admin.orders.$id.pdf": { path: `/admin/orders/${unknownId}/pdf?doc=receipt`, allowed: ["manager", "treasurer", "fulfilment"], allowedStatus: 404 },
  "routes/admin.orders.$id": { path: `/admin/orders/${unknownId}`, allowed: ["manager", "treasurer", "fulfilment"], allowedStatus: 404 },
  "routes/admin.orders.$id.returns.$returnId.photo": {
    path: `/admin/orders/${unknownId}/returns/${unknownId}/photo`,
    allowed: ["manager", "treasurer", "fulfilment"],
    allowedStatus: 404,
  },
  "routes/admin.payments": { path: "/admin/payments", allowed: ["treasurer"] },
  "routes/admin.payments.proofs.$id": { path: `/admin/payments/proofs/${unknownId}`, allowed: ["treasurer"], allowedStatus: 404 },
  "routes/admin.outlet._index": { path: "/admin/outlet", allowed: ["manager", "fulfilment"] },
  "routes/admin.outlet.sales.$id": { path: `/admin/outlet/sales/${unknownId}`, allowed: ["manager", "fulfilment"], allowedStatus: 404 },
  "routes/admin.outlet.close": { path: "/admin/outlet/close", allowed: ["manager", "fulfilment", "treasurer"] },
  // No static QRIS in the demo: those who may see it get a 404.
  "routes/admin.outlet.qris": { path: "/admin/outlet/qris", allowed: ["manager", "fulfilment"], allowedStatus: 404 },
  "routes/admin.settings_.outlet": { path: "/admin/settings/outlet", allowed: ["manager"] },
  "routes/admin.outbox._index": { path: "/admin/outbox", allowed: ["manager"] },
  "routes/admin.outbox.$id": { path: `/admin/outbox/${unknownId}`, allowed: ["manager"], allowedStatus: 404 },
  "routes/admin.events": { path: "/admin/events", allowed: ["manager", "treasurer"] },
  "routes/admin.audit": { path: "/admin/audit", allowed: ["manager"] },
  "routes/admin.settings": { path: "/admin/settings", allowed: ["manager"] },
  "routes/admin.settings_.payments": { path: "/admin/settings/payments", allowed: ["manager"] },
  "routes/admin.settings_.delivery": { path: "/admin/settings/delivery", allowed: ["manager"] },
  "routes/admin.settings_.search": { path: "/admin/settings/search", allowed: ["manager"] },
  "routes/admin.catalog": { path: "/admin/catalog/categories", allowed: ["manager"] },
  "routes/admin.catalog._index": { path: "/admin/catalog", allowed: ["manager"], allowedStatus: 302 },
  "routes/admin.catalog.categories": { path: "/admin/catalog/categories", allowed: ["manager"] },
  "routes/admin.catalog.categories_.$id": { path: `/admin/catalog/categories/${unknownId}`, allowed: ["manager"], allowedStatus: 404 },
  "routes/admin.catalog.products": { path: "/admin/catalog/products", allowed: ["manager"] },
  "routes/admin.catalog.pages": { path: "/admin/catalog/pages", allowed: ["manager"] },
  "routes/tentang": { path: "/tentang", allowed: everyone },
  "routes/ambil": { path: "/ambil", allowed: everyone },
  "routes/member": { path: "/member", allowed: ["member"] },
  "routes/member._index": { path: "/member", allowed: ["member"] },
  "routes/member.settings": { path: "/member/settings", allowed: ["member"] },
  "routes/member.pesanan": { path: "/member/pesanan", allowed: ["member"] },
  "routes/member.keuangan": { path: "/member/keuangan", allowed: ["member"] },
  "routes/member.keuangan_.hpp": { path: "/member/keuangan/hpp", allowed: ["member"] },
  "routes/member.keuangan_.statement": { path: "/member/keuangan/statement?month=2026-12&format=csv", allowed: ["member"] },
  "routes/admin.ledger": { path: "/admin/ledger", allowed: ["manager", "treasurer"] },
  "routes/admin.reports._index": { path: "/admin/reports", allowed: ["manager", "treasurer"] },
  "routes/admin.reports.reconciliation": { path: "/admin/reports/reconciliation", allowed: ["manager", "treasurer"] },
  "routes/admin.reports.csv": { path: "/admin/reports/csv?table=members", allowed: ["manager", "treasurer"] },
  "routes/admin.shu._index": { path: "/admin/shu", allowed: ["manager", "treasurer"] },
  "routes/admin.shu.$year": { path: "/admin/shu/1999", allowed: ["manager", "treasurer"], allowedStatus: 404 },
  "routes/admin.shu.$year.report": { path: "/admin/shu/1999/report?format=csv", allowed: ["manager", "treasurer"], allowedStatus: 404 },
  "routes/admin.payouts._index": { path: "/admin/payouts", allowed: ["manager", "treasurer"] },
  "routes/admin.payouts.$id": { path: `/admin/payouts/${unknownId}`, allowed: ["manager", "treasurer"], allowedStatus: 404 },
  // Exporting is a POST (it moves the run and is audited): a GET is refused to those who may export.
  "routes/admin.payouts.$id.export": { path: `/admin/payouts/${unknownId}/export`, allowed: ["treasurer"], allowedStatus: 405 },
  "routes/admin.settings_.fees": { path: "/admin/settings/fees", allowed: ["manager"] },
  "routes/member.products": { path: "/member/products", allowed: ["member"] },
  "routes/member.products_.$productId": { path: `/member/products/${unknownId}`, allowed: ["member"], allowedStatus: 404 },
  "routes/member.products_.new": { path: "/member/products/new", allowed: ["member"] },
  "routes/operator": { path: "/operator", allowed: ["operator"] },
};

function routeIds(): string[] {
  return fs
    .readdirSync(path.resolve("app/routes"))
    .filter((file) => /\.(tsx?|jsx?)$/.test(file))
    .map((file) => `routes/${file.replace(/\.(tsx?|jsx?)$/, "")}`);
}

test("every route has a rule in the access table", () => {
  const missing = routeIds().filter((id) => !(id in table));
  expect(missing).toEqual([]);
});

async function signInAs(baseURL: string, person: Exclude<Person, "guest">): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  const response = await context.post("/sign-in", { form: { email: signIns[person], password: DEMO_PASSWORD }, maxRedirects: 0 });
  expect(response.status(), `sign-in as ${person}`).toBe(302);
  return context;
}

test("each person gets exactly what the table says on every route", async ({ baseURL }) => {
  test.slow();
  const failures: string[] = [];
  for (const person of people) {
    const context = person === "guest" ? await playwrightRequest.newContext({ baseURL }) : await signInAs(baseURL!, person);
    for (const [id, rule] of Object.entries(table)) {
      const allowed = rule.allowed.includes(person);
      const expected = allowed ? (rule.allowedStatus ?? 200) : person === "guest" ? (rule.guestStatus ?? 302) : (rule.deniedStatus ?? 403);
      const response = await context.get(rule.path, { maxRedirects: 0, failOnStatusCode: false });
      if (response.status() !== expected) failures.push(`${person} ${id} ${rule.path}: expected ${expected}, got ${response.status()}`);
      if (!allowed && person === "guest" && expected === 302 && !/\/sign-in\?redirectTo=/.test(response.headers()["location"] ?? "")) {
        failures.push(`guest ${id}: redirected to ${response.headers()["location"]}, not to sign-in`);
      }
    }
    await context.dispose();
  }
  expect(failures).toEqual([]);
});

test("a form posted from another site is refused and changes nothing", async ({ baseURL }) => {
  const context = await signInAs(baseURL!, "customer");
  const response = await context.post("/account", {
    form: { intent: "revoke-others" },
    headers: { Origin: "https://evil.example" },
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("another site");
  await context.dispose();
});
