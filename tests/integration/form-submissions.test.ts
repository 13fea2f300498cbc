import fs from "node:fs";
import { and, count, eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { categories, formSubmissions, mediaAssets, memberBankAccounts, members, memberUsers, productVariants, productVersions, products, stockMovements, users } from "../../db/schema";
import { purgeFormSubmissionsJob } from "~/flows/jobs.server";
import { claimSubmission, FORM_TOKEN_FIELD, formContent, newFormToken, submitOnce } from "~/lib/form-token.server";
import { createSession } from "~/modules/identity/sessions.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedTwoCooperatives } from "../support/catalog-fixture";
import { productFormFields } from "../support/factories";

// The route reads its session cookie, signed with this secret (no file written under DATA_DIR).
process.env.SESSION_SECRET ??= "form-submissions-test-secret-0123456789abcdef";

/** Lets a test make product creation fail after the photos were stored (a database error, say). */
const failCreate = vi.hoisted(() => ({ next: false }));
vi.mock(import("~/modules/catalog/listings/listings.server"), async (original) => {
  const actual = await original();
  return {
    ...actual,
    createProduct: async (...args: Parameters<typeof actual.createProduct>) => {
      if (failCreate.next) {
        failCreate.next = false;
        throw new Error("the database went away");
      }
      return actual.createProduct(...args);
    },
  };
});

const { action: newProductAction } = await import("~/routes/member.products_.new");
const { action: productsAction } = await import("~/routes/member.products");
const { action: settingsAction } = await import("~/routes/member.settings");
const { sessionCookie } = await import("~/lib/session-cookie.server");

let database: TestDatabase;
let a: string;
let b: string;
let siti: string;
let other: string;
let sitiMember: string;
let keripik: string;
let cookie: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
  [siti, other] = (await database.db.insert(users).values([{ email: "siti@a.test" }, { email: "other@a.test" }]).returning()).map((user) => user.id) as [string, string];
  sitiMember = (await database.db.select().from(members).where(and(eq(members.cooperativeId, a), eq(members.slug, "dapur-bu-siti"))))[0]!.id;
  await database.db.insert(memberUsers).values({ cooperativeId: a, memberId: sitiMember, userId: siti, role: "owner" });
  keripik = (await database.db.select().from(categories).where(and(eq(categories.cooperativeId, a), eq(categories.slug, "keripik"))))[0]!.id;
  cookie = await sessionCookie().serialize(await createSession(database.db, siti, { userAgent: "test", ipAddress: "203.0.113.9" }));
});
afterAll(() => database.close());

const key = (overrides: Partial<{ cooperativeId: string; userId: string | null; subject: string }> = {}) => ({
  cooperativeId: a,
  purpose: "test.create",
  userId: siti as string | null,
  ...overrides,
});

describe("one-time form tokens", () => {
  it("lets the first post through and answers a repeat with the first answer", async () => {
    const token = newFormToken();
    const first = await claimSubmission<{ location: string }>(database.db, key(), token);
    expect(first.state).toBe("first");
    if (first.state !== "first") return;
    await first.finish({ location: "/member/products?saved=draft" });
    expect(await claimSubmission(database.db, key(), token)).toEqual({ state: "repeat", result: { location: "/member/products?saved=draft" } });
  });

  it("makes a concurrent repeat wait for the first post, then answers it the same", async () => {
    const token = newFormToken();
    const first = await claimSubmission<string>(database.db, key(), token);
    const second = claimSubmission<string>(database.db, key(), token, { pollMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    if (first.state !== "first") throw new Error("expected the first claim");
    await first.finish("done once");
    expect(await second).toEqual({ state: "repeat", result: "done once" });
  });

  it("hands the token to the waiting post when the first is refused, and says busy when it never finishes", async () => {
    const token = newFormToken();
    const first = await claimSubmission(database.db, key(), token);
    const second = claimSubmission(database.db, key(), token, { pollMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (first.state !== "first") throw new Error("expected the first claim");
    await first.abandon();
    expect((await second).state).toBe("first");
    expect(await claimSubmission(database.db, key(), token, { waitMs: 100, pollMs: 20 })).toEqual({ state: "busy" });
  });

  it("takes over a claim whose post never finished, after two minutes", async () => {
    const token = newFormToken();
    expect((await claimSubmission(database.db, key(), token)).state).toBe("first");
    await database.db.update(formSubmissions).set({ claimedAt: sql`now() - interval '3 minutes'` }).where(eq(formSubmissions.cooperativeId, a));
    expect((await claimSubmission(database.db, key(), token, { waitMs: 0 })).state).toBe("first");
  });

  it("refuses a missing, malformed or another person's token, and keeps tokens apart by cooperative and subject", async () => {
    expect(await claimSubmission(database.db, key(), null)).toEqual({ state: "invalid" });
    expect(await claimSubmission(database.db, key(), "short")).toEqual({ state: "invalid" });
    expect(await claimSubmission(database.db, key(), "x".repeat(30) + "'; drop table users; --")).toEqual({ state: "invalid" });
    const token = newFormToken();
    const first = await claimSubmission(database.db, key(), token);
    if (first.state === "first") await first.finish("siti's");
    expect(await claimSubmission(database.db, key({ userId: other }), token)).toEqual({ state: "invalid" });
    expect((await claimSubmission(database.db, key({ cooperativeId: b }), token)).state).toBe("first");
    expect((await claimSubmission(database.db, key({ subject: "another product" }), token)).state).toBe("first");
  });

  it("frees the token when the work is refused or fails, and keeps a done answer for repeats", async () => {
    const token = newFormToken();
    expect(await submitOnce(database.db, key(), token, async () => ({ refused: 422 }))).toEqual({ state: "refused", answer: 422 });
    await expect(submitOnce(database.db, key(), token, async () => Promise.reject(new Error("smtp down")))).rejects.toThrow("smtp down");
    let runs = 0;
    const work = async () => ({ done: { run: ++runs } });
    expect(await submitOnce(database.db, key(), token, work)).toEqual({ state: "done", result: { run: 1 }, repeated: false });
    expect(await submitOnce(database.db, key(), token, work)).toEqual({ state: "done", result: { run: 1 }, repeated: true });
    expect(runs).toBe(1);
  });

  it("answers a repeat only when it says the same: the same token with other values is refused, then and while the first is handled", async () => {
    const token = newFormToken();
    const said = (fields: Record<string, string>) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      return formContent(form);
    };
    const twelve = said({ variant: "v1", reason: "received", delta: "12", [FORM_TOKEN_FIELD]: token });
    // The token itself and the order of the fields are not what a post says.
    expect(said({ delta: "12", reason: "received", variant: "v1", [FORM_TOKEN_FIELD]: newFormToken() })).toBe(twelve);
    const damaged = said({ variant: "v1", reason: "damaged", delta: "12", [FORM_TOKEN_FIELD]: token });
    expect(damaged).not.toBe(twelve);

    const first = await claimSubmission<string>(database.db, key(), token, { content: twelve });
    if (first.state !== "first") throw new Error("expected the first claim");
    // While the first is being handled, another post of its token with other values does not wait for its answer.
    expect(await claimSubmission(database.db, key(), token, { content: damaged, waitMs: 60_000 })).toEqual({ state: "changed" });
    await first.finish("twelve received");
    expect(await claimSubmission(database.db, key(), token, { content: twelve })).toEqual({ state: "repeat", result: "twelve received" });
    expect(await claimSubmission(database.db, key(), token, { content: damaged })).toEqual({ state: "changed" });
    // Another person's post of the token stays invalid, whatever it says.
    expect(await claimSubmission(database.db, key({ userId: other }), token, { content: damaged })).toEqual({ state: "invalid" });
    let runs = 0;
    expect(await submitOnce(database.db, key(), token, async () => ({ done: ++runs }), { content: damaged })).toEqual({ state: "changed" });
    expect(runs).toBe(0);
  });
});

const png = (color: string) => sharp({ create: { width: 500, height: 400, channels: 3, background: color } }).png().toBuffer();

async function productPost(token: string | null, fields: Record<string, string> = {}): Promise<Request> {
  const form = new FormData();
  const values: Record<string, string> = {
    ...productFormFields(keripik),
    stock: "5",
    intent: "draft",
    ...fields,
  };
  for (const [name, value] of Object.entries(values)) form.set(name, value);
  if (token) form.set(FORM_TOKEN_FIELD, token);
  for (const [field, color] of [["photo_product", "#c2562d"], ["photo_packaging_front", "#19737a"], ["photo_label_back", "#e0a526"]] as const) {
    form.set(field, new File([new Uint8Array(await png(color))], `${field}.png`, { type: "image/png" }));
  }
  return new Request("http://a.test/member/products/new", { method: "POST", body: form, headers: { Cookie: cookie } });
}

const post = (request: Request) =>
  newProductAction({ request, context: { db: database.db, mediaRoot: database.mediaRoot, clientIp: "203.0.113.9" }, params: {} }) as Promise<unknown>;

/** What the action answered: a redirect's location, or the status and form error of a refusal. */
function outcome(answer: unknown) {
  if (answer instanceof Response) return { status: answer.status, location: answer.headers.get("Location") };
  const { init, data } = answer as { init?: { status?: number }; data?: { errors?: Record<string, string> } };
  return { status: init?.status, form: data?.errors?.form };
}

const productsNamed = async (nameId: string) =>
  (
    await database.db
      .select({ n: count() })
      .from(products)
      .innerJoin(productVersions, and(eq(productVersions.cooperativeId, products.cooperativeId), eq(productVersions.productId, products.id)))
      .where(and(eq(products.cooperativeId, a), eq(products.memberId, sitiMember), eq(productVersions.nameId, nameId)))
  )[0]!.n;
const assetCount = async () => (await database.db.select({ n: count() }).from(mediaAssets).where(eq(mediaAssets.cooperativeId, a)))[0]!.n;
const storedFolders = () => (fs.existsSync(`${database.mediaRoot}/${a}`) ? fs.readdirSync(`${database.mediaRoot}/${a}`).length : 0);

describe("the new-product form sent twice", () => {
  it("makes one product, and both posts go where the first went", async () => {
    const token = newFormToken();
    const assetsBefore = await assetCount();
    const [first, second] = await Promise.all([post(await productPost(token, { nameId: "Kerupuk Dua Kali" })), post(await productPost(token, { nameId: "Kerupuk Dua Kali" }))]);
    expect(outcome(first)).toEqual({ status: 302, location: "/member/products?saved=draft" });
    expect(outcome(second)).toEqual(outcome(first));
    expect(await productsNamed("Kerupuk Dua Kali")).toBe(1);
    expect((await assetCount()) - assetsBefore).toBe(3);
    // Sent again later (the back button), it is still the same one product.
    expect(outcome(await post(await productPost(token, { nameId: "Kerupuk Dua Kali" })))).toEqual({ status: 302, location: "/member/products?saved=draft" });
    expect(await productsNamed("Kerupuk Dua Kali")).toBe(1);
  });

  it("refuses a post without its token, and one with a NUL in a field, writing nothing", async () => {
    const assetsBefore = await assetCount();
    expect(outcome(await post(await productPost(null, { nameId: "Tanpa Token" })))).toEqual({ status: 400, form: "form.error.expired" });
    expect(outcome(await post(await productPost(newFormToken(), { nameId: "Kerupuk\u0000Nul" })))).toEqual({ status: 400, form: "error.badRequest.body" });
    expect(await productsNamed("Tanpa Token")).toBe(0);
    expect(await assetCount()).toBe(assetsBefore);
  });

  it("removes the photos it stored when saving the product fails, and frees the token for a retry", async () => {
    const token = newFormToken();
    const assetsBefore = await assetCount();
    const foldersBefore = storedFolders();
    failCreate.next = true;
    await expect(post(await productPost(token, { nameId: "Kerupuk Gagal Simpan" }))).rejects.toThrow("the database went away");
    expect(await assetCount()).toBe(assetsBefore);
    expect(storedFolders()).toBe(foldersBefore);
    expect(await productsNamed("Kerupuk Gagal Simpan")).toBe(0);
    expect(outcome(await post(await productPost(token, { nameId: "Kerupuk Gagal Simpan" })))).toEqual({ status: 302, location: "/member/products?saved=draft" });
    expect(await productsNamed("Kerupuk Gagal Simpan")).toBe(1);
  });
});

const context = () => ({ db: database.db, mediaRoot: database.mediaRoot, clientIp: "203.0.113.9" });

function formPost(path: string, fields: Record<string, string>): Request {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return new Request(`http://a.test${path}`, { method: "POST", body: form, headers: { Cookie: cookie } });
}

/** What the action answered: its data and status (200 when it gave plain data). */
function answered(answer: unknown) {
  const wrapped = answer as { init?: { status?: number }; data?: unknown };
  return wrapped && typeof wrapped === "object" && "init" in wrapped ? { status: wrapped.init?.status, data: wrapped.data } : { status: 200, data: answer };
}

describe("a stock adjustment sent twice", () => {
  it("changes the stock once, and both posts get the first answer", async () => {
    const [variant] = await database.sql<{ id: string; stock: number }[]>`
      select v.id, v.stock from product_variants v join products p on p.id = v.product_id
      where v.cooperative_id = ${a} and p.slug = 'keripik-singkong-balado'`;
    const fields = { variant: variant!.id, reason: "received", delta: "12", note: "Produksi Senin", [FORM_TOKEN_FIELD]: newFormToken() };
    const post = () => productsAction({ request: formPost("/member/products", fields), context: context(), params: {} });
    const [first, second] = await Promise.all([post(), post()]);
    expect(answered(first)).toEqual({ status: 200, data: { ok: true, variant: variant!.id, stock: variant!.stock + 12 } });
    expect(answered(second)).toEqual(answered(first));
    expect(answered(await post())).toEqual(answered(first));
    const [after] = await database.db.select().from(productVariants).where(eq(productVariants.id, variant!.id));
    expect(after!.stock).toBe(variant!.stock + 12);
    expect(await database.db.select().from(stockMovements).where(and(eq(stockMovements.variantId, variant!.id), eq(stockMovements.note, "Produksi Senin")))).toHaveLength(1);
  });

  it("frees the token when refused, so the corrected form goes through; a post without its token changes nothing", async () => {
    const [variant] = await database.sql<{ id: string; stock: number }[]>`
      select v.id, v.stock from product_variants v join products p on p.id = v.product_id
      where v.cooperative_id = ${a} and p.slug = 'abon-ikan-tongkol'`;
    const token = newFormToken();
    const post = (fields: Record<string, string>) => productsAction({ request: formPost("/member/products", { variant: variant!.id, ...fields }), context: context(), params: {} });
    expect(answered(await post({ reason: "damaged", delta: String(variant!.stock + 1), [FORM_TOKEN_FIELD]: token }))).toMatchObject({
      status: 409,
      data: { ok: false, errors: { delta: "stock.error.belowZero" } },
    });
    expect(answered(await post({ reason: "damaged", delta: "1", [FORM_TOKEN_FIELD]: token }))).toEqual({ status: 200, data: { ok: true, variant: variant!.id, stock: variant!.stock - 1 } });
    expect(answered(await post({ reason: "damaged", delta: "1" }))).toMatchObject({ status: 400, data: { errors: { form: "form.error.expired" } } });
    const [after] = await database.db.select().from(productVariants).where(eq(productVariants.id, variant!.id));
    expect(after!.stock).toBe(variant!.stock - 1);
  });
});

describe("a second stock adjustment sent before the page had its fresh token", () => {
  it("is refused with a 409 that asks for the page again, and changes nothing; the first stays as it was answered", async () => {
    const [variant] = await database.sql<{ id: string; stock: number }[]>`
      select v.id, v.stock from product_variants v join products p on p.id = v.product_id
      where v.cooperative_id = ${a} and p.slug = 'keripik-singkong-balado'`;
    // Remix shows an action's answer while it fetches the page's data (and its fresh token) again: a member who
    // sends the next movement in that moment sends it with the first one's token.
    const token = newFormToken();
    const post = (fields: Record<string, string>) =>
      productsAction({ request: formPost("/member/products", { variant: variant!.id, [FORM_TOKEN_FIELD]: token, ...fields }), context: context(), params: {} });
    expect(answered(await post({ reason: "received", delta: "3", note: "Pagi" }))).toEqual({ status: 200, data: { ok: true, variant: variant!.id, stock: variant!.stock + 3 } });
    expect(answered(await post({ reason: "damaged", delta: "2", note: "Kemasan sobek" }))).toMatchObject({
      status: 409,
      data: { ok: false, errors: { form: "form.error.expired" }, values: { reason: "damaged", delta: "2" } },
    });
    // A resend of the first is still its repeat.
    expect(answered(await post({ reason: "received", delta: "3", note: "Pagi" }))).toEqual({ status: 200, data: { ok: true, variant: variant!.id, stock: variant!.stock + 3 } });
    const [after] = await database.db.select().from(productVariants).where(eq(productVariants.id, variant!.id));
    expect(after!.stock).toBe(variant!.stock + 3);
    expect(await database.db.select().from(stockMovements).where(and(eq(stockMovements.variantId, variant!.id), eq(stockMovements.note, "Kemasan sobek")))).toHaveLength(0);
  });
});

describe("a bank account change sent twice", () => {
  it("puts one request before the treasurer, and both posts get the first answer", async () => {
    const fields = { intent: "bank", bankCode: "bca", bankAccountNumber: "0123456789", bankAccountHolder: "Siti Aminah", [FORM_TOKEN_FIELD]: newFormToken() };
    const post = () => settingsAction({ request: formPost("/member/settings", fields), context: context(), params: {} });
    const [first, second] = await Promise.all([post(), post()]);
    expect(answered(first)).toEqual({ status: 200, data: { ok: true, message: "member.saved.bank" } });
    expect(answered(second)).toEqual(answered(first));
    const requests = await database.db.select().from(memberBankAccounts).where(and(eq(memberBankAccounts.memberId, sitiMember), eq(memberBankAccounts.accountNumber, "0123456789")));
    expect(requests.map((row) => row.status)).toEqual(["pending"]);
    expect(answered(await post())).toEqual(answered(first));
    expect(answered(await settingsAction({ request: formPost("/member/settings", { ...fields, [FORM_TOKEN_FIELD]: "" }), context: context(), params: {} }))).toMatchObject({
      status: 400,
      data: { errors: { form: "form.error.expired" } },
    });
  });
});

describe("purging old form submissions", () => {
  it("removes every cooperative's tokens and answers older than two days, and nothing newer", async () => {
    const row = (cooperativeId: string, keyHash: string, age: string) => ({
      cooperativeId,
      keyHash,
      purpose: "test.purge",
      userId: null,
      result: { kept: true },
      createdAt: sql`now() - ${age}::interval` as unknown as Date,
    });
    await database.db.insert(formSubmissions).values([
      row(a, "purge-old-a", "3 days"),
      row(b, "purge-old-b", "8 days"),
      row(a, "purge-new-a", "1 day"),
      row(b, "purge-new-b", "1 hour"),
    ]);
    const lines: string[] = [];
    await purgeFormSubmissionsJob(database.db, { log: (line) => lines.push(line) }).run(undefined, { id: "test", attempt: 1, signal: new AbortController().signal });
    const left = await database.db.select({ keyHash: formSubmissions.keyHash }).from(formSubmissions).where(eq(formSubmissions.purpose, "test.purge"));
    expect(left.map((r) => r.keyHash).sort()).toEqual(["purge-new-a", "purge-new-b"]);
    expect(lines).toEqual(["Purged 2 old form submissions."]);
  });
});
