import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffRoles, users } from "../../db/schema";
import { resolveFlaggedPayment } from "~/flows/resolve-flagged-payment.server";
import { sellAtOutlet } from "~/flows/sell-at-outlet.server";
import { translatorFor } from "~/lib/i18n/locale.server";
import { WITA } from "~/lib/indonesia/time-zones";
import { sessionCookie } from "~/lib/session-cookie.server";
import { createSession } from "~/modules/identity/sessions.server";
import { postEntry, postPaymentCaptured, postProviderCharge, postRefund } from "~/modules/ledger/post.server";
import { getOrder } from "~/modules/orders/orders.server";
import { membersCsv } from "~/modules/reports/csv.server";
import type { Period } from "~/modules/reports/periods";
import { reconcile } from "~/modules/reports/reconciliation.server";
import { accountMovements, salesByCategory, salesByMember, salesSummary } from "~/modules/reports/sales.server";
import { loader as csvLoader } from "~/routes/admin.reports.csv";
import { loader as reportsLoader } from "~/routes/admin.reports._index";
import { action as reconciliationAction } from "~/routes/admin.reports.reconciliation";
import { newFormToken } from "~/lib/form-token.server";
import { seedTwoCooperatives } from "../support/catalog-fixture";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { payByMidtrans, placeHotelOrder } from "../support/orders";

let database: TestDatabase;
let a: string;
let b: string;
let cashier: string;
let treasurer: string;
const ids: Record<string, string> = {};

async function one<T>(query: Promise<T[]>): Promise<T> {
  const [row] = await query;
  if (!row) throw new Error("no row");
  return row;
}

const november: Period = { from: "2026-11-01", to: "2026-11-30", grain: "month", channel: "all" };

const placed = (cooperativeId: string, items: [variantKey: string, quantity: number][], at: Date) =>
  placeHotelOrder(database, cooperativeId, items.map(([key, quantity]) => [ids[key]!, quantity]), at);

async function paid(cooperativeId: string, items: [variantKey: string, quantity: number][], at: Date, amount?: number) {
  const order = await placed(cooperativeId, items, at);
  const outcome = await payByMidtrans(database, order, at, amount);
  return { ...order, outcome, lines: (await getOrder(database.db, cooperativeId, order.orderId))!.lines };
}

let first: Awaited<ReturnType<typeof paid>>;
let unposted: Awaited<ReturnType<typeof placeHotelOrder>>;
let postedUnpaid: Awaited<ReturnType<typeof placeHotelOrder>>;
let mismatched: Awaited<ReturnType<typeof paid>>;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
  await database.sql`update cooperatives set local_delivery_fee = 15000, local_delivery_area = 'Kota Probolinggo' where id in (${a}, ${b})`;
  // A cooperative in Bali: its days and months are cut at midnight WITA.
  await database.sql`update cooperatives set province = 'Bali' where id = ${a}`;
  for (const [key, coop, slug] of [
    ["chips", a, "keripik-singkong-balado"],
    ["floss", a, "abon-ikan-tongkol"],
    ["batik", a, "batik-tulis-mangga"],
    ["chipsB", b, "keripik-singkong-balado"],
  ] as const) {
    ids[key] = (
      await one(database.sql<{ id: string }[]>`select v.id from product_variants v join products p on p.id = v.product_id where v.cooperative_id = ${coop} and p.slug = ${slug} order by v.sku limit 1`)
    ).id;
    await database.sql`update product_variants set stock = 50 where id = ${ids[key]!}`;
  }
  cashier = (await one(database.sql<{ id: string }[]>`insert into users (email, name) values ('kasir@a.test', 'Kasir') returning id`)).id;
  treasurer = (await one(database.sql<{ id: string }[]>`insert into users (email, name) values ('bendahara@a.test', 'Bendahara') returning id`)).id;

  // November, cooperative A (WITA for this report). A Midtrans order: 2 chips (36.000), 1 floss (45.000), 1 batik
  // (350.000), shipping 15.000; every line at the cooperative's 10 %.
  first = await paid(a, [["chips", 2], ["floss", 1], ["batik", 1]], new Date("2026-11-10T03:00:00Z"));
  expect(first.outcome).toBe("payment captured");
  await database.db.transaction(async (tx) => {
    // Midtrans kept Rp 4.460 of it.
    await postProviderCharge(tx, { cooperativeId: a, paymentId: first.payment.id, orderId: first.orderId, provider: "midtrans", amount: 4_460, chargedAt: new Date("2026-11-10T03:00:00Z") });
    // One pack of chips refunded on the 20th: 1.800 of fee, 16.200 of Dapur Bu Siti's share.
    await postRefund(tx, {
      cooperativeId: a,
      refundId: "20000000-0000-4000-8000-000000000001",
      orderId: first.orderId,
      paidBackFrom: "midtrans",
      refundedAt: new Date("2026-11-20T05:00:00Z"),
      lines: [{ orderLineId: first.lines.find((line) => line.variantId === ids.chips)!.id, amount: 18_000 }],
    });
  });
  // An outlet sale in cash at 23.30 WITA on 30 November: a pack of floss, Rp 45.000. It counts in November.
  const sold = await sellAtOutlet(database.db, {
    cooperativeId: a,
    staffUserId: cashier,
    locale: "id",
    zone: WITA,
    items: [{ variantId: ids.floss!, quantity: 1 }],
    payment: { method: "cash", given: 50_000 },
    now: new Date("2026-11-30T15:30:00Z"),
  });
  expect(sold.ok).toBe(true);
  // 00.30 WITA on 1 December: December's, not November's.
  expect((await paid(a, [["batik", 1]], new Date("2026-11-30T16:30:00Z"))).outcome).toBe("payment captured");
  // Cooperative B's sale in November never shows in A's report.
  expect((await paid(b, [["chipsB", 3]], new Date("2026-11-12T03:00:00Z"))).outcome).toBe("payment captured");

  // Differences for reconciliation, in November: a paid payment the ledger lacks (its posting lost) ...
  unposted = await placed(a, [["chips", 1]], new Date("2026-11-15T03:00:00Z"));
  await database.sql`update payments set status = 'paid', paid_at = '2026-11-15T03:05:00Z' where id = ${unposted.payment.id}`;
  // ... a capture posted for a payment still pending ...
  postedUnpaid = await placed(a, [["chips", 1]], new Date("2026-11-16T03:00:00Z"));
  await database.db.transaction((tx) =>
    postPaymentCaptured(tx, { cooperativeId: a, paymentId: postedUnpaid.payment.id, orderId: postedUnpaid.orderId, provider: "midtrans", amount: postedUnpaid.total, paidAt: new Date("2026-11-16T03:10:00Z") }),
  );
  // ... and a payment of another amount, flagged and held, not counted.
  mismatched = await paid(a, [["floss", 1]], new Date("2026-11-17T03:00:00Z"), 50_000);
  expect(mismatched.outcome).toMatch(/^flagged/);

  // October: a capture whose clearing amount is not the payment's (posted by hand, as a broken posting would be).
  const october = await placed(a, [["chips", 1]], new Date("2026-10-05T03:00:00Z"));
  await database.sql`update payments set status = 'paid', paid_at = '2026-10-05T03:05:00Z' where id = ${october.payment.id}`;
  await database.db.transaction((tx) =>
    postEntry(tx, {
      cooperativeId: a,
      source: { kind: "payment_captured", id: october.payment.id },
      orderId: october.orderId,
      postedAt: new Date("2026-10-05T03:05:00Z"),
      legs: [
        { account: { kind: "provider_clearing", provider: "midtrans" }, debit: 30_000 },
        { account: { kind: "shipping_revenue" }, credit: 30_000 },
      ],
    }),
  );
});
afterAll(() => database.close());

describe("the sales report", () => {
  it("adds up November by hand: sales, fees, shipping, refunds, charges and net", async () => {
    const summary = await salesSummary(database.db, a, november, WITA);
    // Sales: 36.000 + 45.000 + 350.000 online, 45.000 at the outlet; and the pending order posted by mistake (18.000 + 15.000 shipping).
    expect(summary.totals).toEqual({
      omzet: 476_000 + 18_000,
      memberShare: 428_400 + 16_200,
      fee: 47_600 + 1_800,
      shipping: 15_000 + 15_000,
      refunds: 18_000,
      refundsMembers: 16_200,
      refundsCooperative: 1_800,
      charges: 4_460,
      otherIncome: 0,
      net: 49_400 + 30_000 - 1_800 - 4_460,
    });
    expect(summary.buckets).toEqual([{ bucket: "2026-11", figures: summary.totals }]);
  });

  it("equals the ledger's account movements for the period, exactly", async () => {
    const summary = await salesSummary(database.db, a, november, WITA);
    const movements = await accountMovements(database.db, a, november, WITA);
    const moved = (kind: string) => movements.filter((row) => row.kind === kind).reduce((sum, row) => sum + row.debit - row.credit, 0);
    expect(summary.totals.fee).toBe(-moved("fee_revenue"));
    expect(summary.totals.shipping).toBe(-moved("shipping_revenue"));
    expect(summary.totals.refundsCooperative).toBe(moved("refunds"));
    expect(summary.totals.charges).toBe(moved("provider_charges"));
    expect(summary.totals.memberShare - summary.totals.refundsMembers).toBe(-moved("member_payable"));
    // What came in (clearing and cash) is what was sold, less refunds and charges.
    expect(moved("provider_clearing") + moved("cash")).toBe(summary.totals.omzet + summary.totals.shipping - summary.totals.refunds - summary.totals.charges);
    // The outlet's cash went to the cash drawer's account.
    expect(moved("cash")).toBe(45_000);
    expect(movements.reduce((sum, row) => sum + row.debit - row.credit, 0)).toBe(0);
  });

  it("splits by member business and category, the rows adding up to the totals", async () => {
    const summary = await salesSummary(database.db, a, november, WITA);
    const members = await salesByMember(database.db, a, november, WITA);
    const byName = Object.fromEntries(members.map((row) => [row.businessName ?? "none", row]));
    expect(byName["Dapur Bu Siti"]).toMatchObject({ quantity: 2 + 1 + 1 + 1, figures: { omzet: 144_000, fee: 14_400, refunds: 18_000, memberShare: 129_600, refundsMembers: 16_200 } });
    expect(byName["Batik Mawar Paiton"]).toMatchObject({ quantity: 1, figures: { omzet: 350_000, fee: 35_000, refunds: 0 } });
    expect(byName.none).toMatchObject({ figures: { omzet: 0, shipping: 30_000, charges: 4_460 } });
    for (const key of ["omzet", "fee", "shipping", "refunds", "charges", "net"] as const) expect(members.reduce((sum, row) => sum + row.figures[key], 0), key).toBe(summary.totals[key]);

    const categories = Object.fromEntries((await salesByCategory(database.db, a, november, WITA)).map((row) => [row.nameEn, row]));
    expect(categories.Chips).toMatchObject({ quantity: 3, figures: { omzet: 54_000, fee: 5_400, refunds: 18_000 } });
    expect(categories.Seafood).toMatchObject({ quantity: 2, figures: { omzet: 90_000, fee: 9_000 } });
    expect(categories["Batik & Cloth"]).toMatchObject({ quantity: 1, figures: { omzet: 350_000, fee: 35_000 } });
  });

  it("filters by channel and buckets by day in the cooperative's zone", async () => {
    const outlet = await salesSummary(database.db, a, { ...november, channel: "outlet", grain: "day" }, WITA);
    expect(outlet.totals).toMatchObject({ omzet: 45_000, fee: 4_500, net: 4_500, shipping: 0 });
    expect(outlet.buckets).toHaveLength(30);
    expect(outlet.buckets.at(-1)).toMatchObject({ bucket: "2026-11-30", figures: { omzet: 45_000 } });
    const december = await salesSummary(database.db, a, { from: "2026-12-01", to: "2026-12-01", grain: "day", channel: "all" }, WITA);
    expect(december.totals).toMatchObject({ omzet: 350_000, fee: 35_000, shipping: 15_000 });
    const byMember = await salesByMember(database.db, a, { ...november, channel: "outlet" }, WITA);
    expect(byMember.map((row) => [row.businessName, row.figures.omzet])).toEqual([["Dapur Bu Siti", 45_000]]);
  });

  it("shows nothing of another cooperative", async () => {
    const other = await salesSummary(database.db, b, november, WITA);
    expect(other.totals).toMatchObject({ omzet: 3_000, fee: 300, shipping: 15_000 });
    const members = await salesByMember(database.db, b, november, WITA);
    expect(members.every((row) => row.businessName !== "Batik Mawar Paiton")).toBe(true);
  });
});

describe("reconciliation", () => {
  it("sets each way of paying against the ledger and lists exactly the differences seeded", async () => {
    const result = await reconcile(database.db, a, november, WITA);
    const sources = Object.fromEntries(result.sources.map((row) => [row.source, row]));
    expect(sources.midtrans).toMatchObject({ recorded: 446_000 + 33_000, recordedCount: 2, posted: 446_000 + 33_000, postedCount: 2, flagged: 60_000, flaggedCount: 1 });
    expect(sources.outlet_cash).toMatchObject({ recorded: 45_000, recordedCount: 1, posted: 45_000, postedCount: 1 });
    expect(sources.stripe).toMatchObject({ recorded: 0, posted: 0 });
    expect(result.differences.map((row) => [row.kind, row.orderNumber])).toEqual([
      ["missing_posting", unposted.number],
      ["posting_without_payment", postedUnpaid.number],
      ["flagged_amount_mismatch", mismatched.number],
    ]);
    const october = await reconcile(database.db, a, { from: "2026-10-01", to: "2026-10-31" }, WITA);
    // A flagged payment still open is listed in every period until it is resolved.
    expect(october.differences.map((row) => [row.kind, row.recorded, row.posted])).toEqual([
      ["amount_mismatch", 33_000, 30_000],
      ["flagged_amount_mismatch", 60_000, 0],
    ]);
  });

  it("lets the treasurer settle a flagged payment once: posted, audited, gone from the differences", async () => {
    const input = { cooperativeId: a, paymentId: mismatched.payment.id, resolution: "income" as const, reason: "Shopper's tip, agreed by the board", actorUserId: treasurer, now: new Date("2026-12-01T02:00:00Z") };
    // An amount mismatch needs the amount that really arrived.
    expect(await resolveFlaggedPayment(database.db, { ...input, amount: null })).toEqual({ ok: false, error: "amount_needed" });
    // Another cooperative's payment is not found from here; a payment that is not flagged is refused.
    expect(await resolveFlaggedPayment(database.db, { ...input, cooperativeId: b, amount: 50_000 })).toEqual({ ok: false, error: "not_found" });
    expect(await resolveFlaggedPayment(database.db, { ...input, paymentId: first.payment.id, amount: 50_000 })).toEqual({ ok: false, error: "not_flagged" });
    const done = await resolveFlaggedPayment(database.db, { ...input, amount: 50_000 });
    expect(done.ok).toBe(true);
    expect(await resolveFlaggedPayment(database.db, { ...input, amount: 50_000 })).toEqual({ ok: false, error: "already_resolved" });
    const entries = await database.sql`select memo from journal_entries where cooperative_id = ${a} and source_kind = 'flagged_payment'`;
    expect(entries.map((row) => row.memo)).toEqual(["Shopper's tip, agreed by the board"]);
    const audit = await database.sql`select after from audit_log where cooperative_id = ${a} and action = 'payment.flag_resolved'`;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ resolution: "income", amount: 50_000 });
    const december = await salesSummary(database.db, a, { from: "2026-12-01", to: "2026-12-31", grain: "month", channel: "all" }, WITA);
    expect(december.totals.otherIncome).toBe(50_000);
    expect((await reconcile(database.db, a, november, WITA)).differences.map((row) => row.kind)).toEqual(["missing_posting", "posting_without_payment"]);
  });
});

describe("the pages and their CSV", () => {
  const context = () => ({ db: database.db, mediaRoot: database.mediaRoot, clientIp: "203.0.113.9" });
  async function cookieFor(email: string, cooperativeId: string | null, role?: "manager" | "treasurer" | "curator") {
    const [user] = await database.db.insert(users).values({ email }).returning();
    if (cooperativeId && role) await database.db.insert(staffRoles).values({ cooperativeId, userId: user!.id, role });
    return sessionCookie().serialize(await createSession(database.db, user!.id, { userAgent: "test", ipAddress: "203.0.113.9" }));
  }
  const get = (loader: typeof reportsLoader | typeof csvLoader, url: string, cookie: string) =>
    loader({ request: new Request(url, { headers: { Cookie: cookie } }), context: context(), params: {} });
  const status = async (work: Promise<unknown>) => {
    try {
      const answer = await work;
      return answer instanceof Response ? answer.status : ((answer as { init?: { status?: number } }).init?.status ?? 200);
    } catch (thrown) {
      return (thrown as { init?: { status?: number } }).init?.status ?? (thrown as Response).status;
    }
  };

  it("serves managers and treasurers; refuses a curator, a member and another cooperative's manager", async () => {
    const url = "http://a.test/admin/reports?from=2026-11-01&to=2026-11-30";
    expect(await status(get(reportsLoader, url, await cookieFor("manager@a.test", a, "manager")))).toBe(200);
    expect(await status(get(reportsLoader, url, await cookieFor("treasurer@a.test", a, "treasurer")))).toBe(200);
    expect(await status(get(reportsLoader, url, await cookieFor("curator@a.test", a, "curator")))).toBe(403);
    const memberCookie = await cookieFor("siti@a.test", null);
    const siti = await one(database.sql<{ id: string }[]>`select id from members where cooperative_id = ${a} and slug = 'dapur-bu-siti'`);
    const memberUser = await one(database.sql<{ id: string }[]>`select id from users where email = 'siti@a.test'`);
    await database.sql`insert into member_users (cooperative_id, member_id, user_id, role) values (${a}, ${siti.id}, ${memberUser.id}, 'owner')`;
    expect(await status(get(reportsLoader, url, memberCookie))).toBe(403);
    expect(await status(get(csvLoader, `http://a.test/admin/reports/csv?table=members&from=2026-11-01&to=2026-11-30`, memberCookie))).toBe(403);
    expect(await status(get(reportsLoader, url, await cookieFor("manager@b.test", b, "manager")))).toBe(403);
  });

  it("answers a wrong period with a 400 and its message, and a download of an unknown table with a 400", async () => {
    const cookie = await cookieFor("manager2@a.test", a, "manager");
    const answer = (await get(reportsLoader, "http://a.test/admin/reports?from=2026-11-31", cookie)) as { data: { error: string }; init: { status: number } };
    expect(answer.init.status).toBe(400);
    expect(answer.data.error).toBe("reports.error.day");
    expect(await status(get(csvLoader, "http://a.test/admin/reports/csv?table=secrets", cookie))).toBe(400);
    expect(await status(get(csvLoader, "http://a.test/admin/reports/csv?table=members&from=2026-11-30&to=2026-11-01", cookie))).toBe(400);
  });

  it("exports the members' table as CSV that parses back to the same figures, formulas escaped", async () => {
    await database.sql`update members set business_name = '=HYPERLINK("http://evil.test")' where cooperative_id = ${a} and slug = 'batik-mawar'`;
    const cookie = await cookieFor("manager3@a.test", a, "manager");
    const response = (await get(csvLoader, "http://a.test/admin/reports/csv?table=members&from=2026-11-01&to=2026-11-30", cookie)) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toContain("laporan-members-2026-11-01_2026-11-30.csv");
    const rows = parse((await response.text()).replace(/^\ufeff/, "")) as string[][];
    expect(rows[0]).toEqual(["No. anggota", "Usaha", "Terjual", "Omzet", "Potongan koperasi", "Pengembalian dana", "Bagian bersih anggota"]);
    const batik = rows.find((row) => row[1]!.includes("HYPERLINK"))!;
    expect(batik[1]).toBe(`'=HYPERLINK("http://evil.test")`);
    expect(batik.slice(2)).toEqual(["1", "350000", "35000", "0", "315000"]);
    const siti = rows.find((row) => row[1] === "Dapur Bu Siti")!;
    expect(siti.slice(2)).toEqual(["5", "144000", "14400", "18000", String(129_600 - 16_200)]);
    // The module's CSV in English reads the same rows.
    const english = parse(membersCsv(await salesByMember(database.db, a, november, WITA), translatorFor("en")).replace(/^\ufeff/, "")) as string[][];
    expect(english[0]![1]).toBe("Business");
    expect(english).toHaveLength(rows.length);
  });

  it("lets only a treasurer resolve a flagged payment from the page, once, with a reason", async () => {
    const flagged = await paid(a, [["floss", 1]], new Date("2026-11-18T03:00:00Z"), 61_000);
    expect(flagged.outcome).toMatch(/^flagged/);
    const url = "http://a.test/admin/reports/reconciliation?from=2026-11-01&to=2026-11-30";
    const post = (cookie: string, fields: Record<string, string>) =>
      reconciliationAction({
        request: new Request(url, { method: "POST", body: new URLSearchParams(fields), headers: { Cookie: cookie } }),
        context: context(),
        params: {},
      });
    const fields = { paymentId: flagged.payment.id, resolution: "refunded", amount: "61.000", reason: "Ditransfer balik, ref 123" };
    // A manager may read reconciliation but not settle money (treasurer only).
    expect(await status(post(await cookieFor("manager4@a.test", a, "manager"), { ...fields, formToken: newFormToken() }))).toBe(403);
    const treasurerCookie = await cookieFor("treasurer2@a.test", a, "treasurer");
    const refusedAnswer = (await post(treasurerCookie, { ...fields, reason: "", formToken: newFormToken() })) as { data: { errors: Record<string, string> }; init: { status: number } };
    expect(refusedAnswer.init.status).toBe(422);
    expect(refusedAnswer.data.errors.reason).toBe("reports.flagged.error.reason");
    const token = newFormToken();
    const done = (await post(treasurerCookie, { ...fields, formToken: token })) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toContain("resolved=1");
    // The same form sent again changes nothing more.
    await post(treasurerCookie, { ...fields, formToken: token });
    const entries = await database.sql`
      select a.kind::text as kind, l.debit, l.credit from journal_entries e join journal_lines l on l.entry_id = e.id join ledger_accounts a on a.id = l.account_id
      where e.cooperative_id = ${a} and e.source_kind = 'flagged_payment' and e.source_id = ${flagged.payment.id} order by a.kind::text`;
    expect(entries.map((row) => [row.kind, Number(row.debit), Number(row.credit)])).toEqual([
      ["bank", 0, 61_000],
      ["provider_clearing", 61_000, 0],
    ]);
  });
});
