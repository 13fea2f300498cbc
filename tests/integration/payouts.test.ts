import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvePayoutRun, cancelPayoutRun, createPayoutRun, decidePayout, exportPayoutRun, markRunPaid } from "~/flows/run-payout.server";
import { sessionCookie } from "~/lib/session-cookie.server";
import { memberBalance, memberBalances, trialBalance } from "~/modules/ledger/balances.server";
import { createSession } from "~/modules/identity/sessions.server";
import { getRun, memberPayouts } from "~/modules/payouts/runs.server";
import { loader as runsLoader } from "~/routes/admin.payouts._index";
import { action as runAction, loader as runLoader } from "~/routes/admin.payouts.$id";
import { action as exportAction } from "~/routes/admin.payouts.$id.export";
import { action as feesAction } from "~/routes/admin.settings_.fees";
import { actionOutcome, postToAction } from "../support/actions";
import { memberUsers, users } from "../../db/schema";
import { staffWithCookie } from "../support/actions";
import { seedTwoCooperatives } from "../support/catalog-fixture";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { paidOrder } from "../support/orders";

let database: TestDatabase;
let a: string;
let b: string;
const ids: Record<string, string> = {};
const people: Record<string, { userId: string; cookie: string }> = {};
const shop = { name: "Koperasi A", origin: "http://a.test" };
const HOLD = 7;

async function one<T>(query: Promise<T[]>): Promise<T> {
  const [row] = await query;
  if (!row) throw new Error("no row");
  return row;
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
  await database.sql`update cooperatives set payout_hold_days = ${HOLD}, payout_minimum = 10000, local_delivery_fee = 15000, local_delivery_area = 'Kota' where id in (${a}, ${b})`;
  for (const [key, coop, slug] of [["siti", a, "dapur-bu-siti"], ["mawar", a, "batik-mawar"], ["sitiB", b, "dapur-bu-siti"]] as const) {
    ids[key] = (await one(database.sql<{ id: string }[]>`select id from members where cooperative_id = ${coop} and slug = ${slug}`)).id;
  }
  for (const [key, coop, slug] of [["chips", a, "keripik-singkong-balado"], ["batik", a, "batik-tulis-mangga"], ["chipsB", b, "keripik-singkong-balado"]] as const) {
    ids[key] = (await one(database.sql<{ id: string }[]>`
      select v.id from product_variants v join products p on p.id = v.product_id where v.cooperative_id = ${coop} and p.slug = ${slug} order by v.sku limit 1`)).id;
    await database.sql`update product_variants set stock = 50 where id = ${ids[key]!}`;
  }
  // A holder name typed as a spreadsheet formula: the bank file must carry it as text.
  await database.sql`update member_bank_accounts set holder_name = '=HYPERLINK("http://evil.example","Siti")' where member_id = ${ids.siti!}`;
  people.treasurer = await staffWithCookie(database, a, "bendahara@a.test", "treasurer");
  people.treasurer2 = await staffWithCookie(database, a, "bendahara2@a.test", "treasurer");
  people.manager = await staffWithCookie(database, a, "pengurus@a.test", "manager");
  people.treasurerB = await staffWithCookie(database, b, "bendahara@b.test", "treasurer");
  // Siti's owner, to be told by e-mail, and whose cookie must not open the staff pages.
  const [owner] = await database.db.insert(users).values({ email: "siti@a.test", name: "Ibu Siti" }).returning();
  await database.db.insert(memberUsers).values({ cooperativeId: a, memberId: ids.siti!, userId: owner!.id, role: "owner" });
  people.member = { userId: owner!.id, cookie: await sessionCookie().serialize(await createSession(database.db, owner!.id, { userAgent: "test", ipAddress: "203.0.113.9" })) };
});
afterAll(() => database.close());

/** A paid order, its lines completed `completedDaysAgo` days ago (null: not completed yet). */
async function soldAndCompleted(cooperativeId: string, items: [string, number][], completedDaysAgo: number | null) {
  const placed = await paidOrder(database, cooperativeId, items.map(([key, quantity]) => [ids[key]!, quantity]));
  if (completedDaysAgo !== null) {
    await database.sql`update order_lines set completed_at = now() - make_interval(days => ${completedDaysAgo}) where cooperative_id = ${cooperativeId} and order_id = ${placed.orderId}`;
  }
  return placed;
}

/** Invariant 1 after every scenario: entries balance, the ledger sums to zero, each member's balance is their account's lines. */
async function expectLedgerHolds(cooperativeId: string) {
  expect(await database.sql`select entry_id from journal_lines where cooperative_id = ${cooperativeId} group by entry_id having sum(debit - credit) <> 0`).toHaveLength(0);
  expect((await trialBalance(database.db, cooperativeId)).reduce((sum, row) => sum + row.debit - row.credit, 0)).toBe(0);
  for (const balance of await memberBalances(database.db, cooperativeId, { now: new Date("2100-01-01T00:00:00Z"), holdDays: HOLD })) {
    const lines = await one(database.sql<{ sum: string }[]>`
      select coalesce(sum(l.credit - l.debit), 0) as sum from journal_lines l join ledger_accounts acc on acc.cooperative_id = l.cooperative_id and acc.id = l.account_id
      where acc.cooperative_id = ${cooperativeId} and acc.kind = 'member_payable' and acc.member_id = ${balance.memberId}`);
    expect(balance.balance).toBe(Number(lines.sum));
  }
}

const available = async (memberId: string) => (await memberBalance(database.db, a, memberId, { now: new Date(), holdDays: HOLD })).available;
const who = (person: string) => ({ cooperativeId: a, actorUserId: people[person]!.userId });
const payoutEntries = async () => Number((await one(database.sql<{ n: string }[]>`select count(*) as n from journal_entries where cooperative_id = ${a} and source_kind = 'payout'`)).n);

describe("a settlement run", () => {
  let draftId: string;

  it("pays only available balances (completed and past the hold) to confirmed accounts, and lists the others as skipped", async () => {
    await soldAndCompleted(a, [["chips", 4]], HOLD + 2); // available
    await soldAndCompleted(a, [["chips", 2]], 2); // completed but still in the hold
    await soldAndCompleted(a, [["chips", 1]], null); // not completed
    await soldAndCompleted(a, [["batik", 1]], HOLD + 1); // available, but Mawar's account is not confirmed yet
    await soldAndCompleted(b, [["chipsB", 3]], HOLD + 5); // another cooperative's: never in A's run
    await database.sql`update member_bank_accounts set status = 'pending' where member_id = ${ids.mawar!}`;
    const siti = await memberBalance(database.db, a, ids.siti!, { now: new Date(), holdDays: HOLD });
    expect(siti.pending).toBeGreaterThan(0);
    expect(siti.available).toBeGreaterThan(0);

    const made = await createPayoutRun(database.db, { ...who("treasurer"), now: new Date() });
    expect(made).toMatchObject({ ok: true, created: true });
    draftId = (made as { runId: string }).runId;
    const found = (await getRun(database.db, a, draftId))!;
    expect(found.run.status).toBe("draft");
    expect(found.payouts.map((payout) => [payout.memberId, payout.amount, payout.kind, payout.providerCode])).toEqual([[ids.siti, siti.available, "bank", "jatim"]]);
    expect(found.run.skipped.map((skip) => [skip.memberId, skip.reason])).toEqual([[ids.mawar, "no_confirmed_account"]]);
    expect(found.run.skipped[0]!.available).toBe(await available(ids.mawar!));
    const audit = await database.sql`select action from audit_log where cooperative_id = ${a} and entity_id = ${draftId}`;
    expect(audit.map((row) => row.action)).toEqual(["payout.run_created"]);
    await expectLedgerHolds(a);
  });

  it("refuses a second run while one is open, and cancels a draft (audited)", async () => {
    const again = await createPayoutRun(database.db, { ...who("treasurer2"), now: new Date() });
    expect(again).toEqual({ ok: true, runId: draftId, created: false });
    expect(await cancelPayoutRun(database.db, { ...who("treasurer"), runId: draftId })).toEqual({ ok: true });
    expect(await cancelPayoutRun(database.db, { ...who("treasurer"), runId: draftId })).toEqual({ ok: false, error: "wrong_state" });
    expect((await getRun(database.db, a, draftId))!.run.status).toBe("cancelled");
  });

  let runId: string;
  it("made by two treasurers at the same instant is one run", async () => {
    await database.sql`update member_bank_accounts set status = 'confirmed' where member_id = ${ids.mawar!}`;
    const [first, second] = await Promise.all([
      createPayoutRun(database.db, { ...who("treasurer"), now: new Date() }),
      createPayoutRun(database.db, { ...who("treasurer2"), now: new Date() }),
    ]);
    expect(first.ok && second.ok).toBe(true);
    runId = (first as { runId: string }).runId;
    expect((second as { runId: string }).runId).toBe(runId);
    expect([(first as { created: boolean }).created, (second as { created: boolean }).created].sort()).toEqual([false, true]);
    const open = await database.sql`select id from payout_runs where cooperative_id = ${a} and status in ('draft', 'approved', 'exported')`;
    expect(open).toHaveLength(1);
    expect((await getRun(database.db, a, runId))!.payouts.map((payout) => payout.memberId).sort()).toEqual([ids.siti, ids.mawar].sort());
  });

  it("is approved by someone else than its maker (four eyes), not before", async () => {
    const run = (await getRun(database.db, a, runId))!.run;
    const maker = run.createdBy === people.treasurer!.userId ? "treasurer" : "treasurer2";
    expect(await decidePayout(database.db, { ...who(maker), shop, runId, payoutId: (await getRun(database.db, a, runId))!.payouts[0]!.id, outcome: "paid" })).toEqual({ ok: false, error: "wrong_state" });
    expect(await approvePayoutRun(database.db, { ...who(maker), runId, now: new Date() })).toEqual({ ok: false, error: "same_person" });
    expect(await approvePayoutRun(database.db, { ...who("manager"), runId, now: new Date() })).toEqual({ ok: true });
    expect(await approvePayoutRun(database.db, { ...who("manager"), runId, now: new Date() })).toEqual({ ok: false, error: "wrong_state" });
  });

  it("exports bank files that parse back, formulas escaped; e-wallets apart", async () => {
    const generic = await exportPayoutRun(database.db, { ...who("treasurer"), runId, format: "generic", debitAccount: "1230004567890", date: new Date("2026-12-02T03:00:00Z") });
    if (!generic.ok) throw new Error(generic.error);
    const rows = parse(generic.file) as string[][];
    expect(rows[0]).toEqual(["name", "bank", "bank_code", "account_number", "amount", "reference"]);
    const sitiRow = rows.find((row) => row[0]!.includes("HYPERLINK"))!;
    expect(sitiRow[0]!.startsWith("=")).toBe(false);
    expect(sitiRow[0]).toBe(`'=HYPERLINK("http://evil.example","Siti")`);
    expect(sitiRow[2]).toBe("114");
    const found = (await getRun(database.db, a, runId))!;
    expect(found.run.status).toBe("exported");
    const sitiPayout = found.payouts.find((payout) => payout.memberId === ids.siti)!;
    expect(Number(sitiRow[4])).toBe(sitiPayout.amount);
    expect(sitiRow[5]).toBe(sitiPayout.reference);

    const mandiri = await exportPayoutRun(database.db, { ...who("treasurer"), runId, format: "mandiri", debitAccount: "1230004567890", date: new Date("2026-12-02T03:00:00Z") });
    if (!mandiri.ok) throw new Error(mandiri.error);
    const lines = parse(mandiri.file, { relax_column_count: true }) as string[][];
    const total = found.payouts.reduce((sum, payout) => sum + payout.amount, 0);
    expect(lines[0]).toEqual(["P", "20261202", "1230004567890", "2", `${total}.00`]);
    expect(lines.slice(1).map((line) => [line[5], line[6], line[9], line[10]])).toContainEqual(["IDR", `${sitiPayout.amount}.00`, "BAU", "114"]);

    const wallets = await exportPayoutRun(database.db, { ...who("treasurer"), runId, format: "ewallet", debitAccount: "", date: new Date() });
    expect(wallets.ok && parse(wallets.file)).toHaveLength(1);
    const exports = await database.sql`select after from audit_log where cooperative_id = ${a} and action = 'payout.run_exported' and entity_id = ${runId}`;
    expect(exports.map((row) => (row.after as { format: string }).format)).toEqual(["generic", "mandiri", "ewallet"]);
  });

  it("marks a payout paid once: one ledger entry (payable / bank), a replay posts nothing; the member is told", async () => {
    const found = (await getRun(database.db, a, runId))!;
    const siti = found.payouts.find((payout) => payout.memberId === ids.siti)!;
    const before = await payoutEntries();
    const availableBefore = await available(ids.siti!);
    expect(await decidePayout(database.db, { ...who("treasurer"), shop, runId, payoutId: siti.id, outcome: "paid" })).toEqual({ ok: true, changed: true });
    expect(await decidePayout(database.db, { ...who("treasurer2"), shop, runId, payoutId: siti.id, outcome: "paid" })).toEqual({ ok: true, changed: false });
    expect(await payoutEntries()).toBe(before + 1);
    expect(await available(ids.siti!)).toBe(availableBefore - siti.amount);
    const balance = await memberBalance(database.db, a, ids.siti!, { now: new Date(), holdDays: HOLD });
    expect(balance.paidOut).toBe(siti.amount);
    const legs = await database.sql`
      select acc.kind, l.debit, l.credit from journal_lines l join journal_entries e on e.cooperative_id = l.cooperative_id and e.id = l.entry_id
      join ledger_accounts acc on acc.cooperative_id = l.cooperative_id and acc.id = l.account_id
      where e.cooperative_id = ${a} and e.source_kind = 'payout' and e.source_id = ${siti.id} order by acc.kind`;
    expect(legs.map((row) => [row.kind, Number(row.debit), Number(row.credit)])).toEqual([["bank", 0, siti.amount], ["member_payable", siti.amount, 0]]);
    const mail = await database.sql`select to_address, subject from outbox_emails where cooperative_id = ${a} and template = 'payout_decided'`;
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to_address).toBe("siti@a.test");
    expect(String(mail[0]!.subject)).toContain("sudah dikirim");
    expect((await memberPayouts(database.db, a, ids.siti!))[0]).toMatchObject({ amount: siti.amount, status: "paid" });
    await expectLedgerHolds(a);
  });

  it("marks a payout failed: nothing posted, the money stays available, the run finishes when all are decided", async () => {
    const found = (await getRun(database.db, a, runId))!;
    const mawar = found.payouts.find((payout) => payout.memberId === ids.mawar)!;
    const before = await payoutEntries();
    const availableBefore = await available(ids.mawar!);
    expect(await decidePayout(database.db, { ...who("treasurer"), shop, runId, payoutId: mawar.id, outcome: "failed", reason: "" })).toEqual({ ok: false, error: "reason_required" });
    expect(await decidePayout(database.db, { ...who("treasurer"), shop, runId, payoutId: mawar.id, outcome: "failed", reason: "Rekening ditutup" })).toEqual({ ok: true, changed: true });
    expect(await payoutEntries()).toBe(before);
    expect(await available(ids.mawar!)).toBe(availableBefore);
    expect(await decidePayout(database.db, { ...who("treasurer"), shop, runId, payoutId: mawar.id, outcome: "paid" })).toEqual({ ok: false, error: "wrong_state" });
    expect((await getRun(database.db, a, runId))!.run.status).toBe("finished");
    await expectLedgerHolds(a);
  });

  it("a paid payout the bank returns is reversed: the money is back in the available balance", async () => {
    const found = (await getRun(database.db, a, runId))!;
    const siti = found.payouts.find((payout) => payout.memberId === ids.siti)!;
    const availableBefore = await available(ids.siti!);
    expect(await decidePayout(database.db, { ...who("treasurer"), shop, runId, payoutId: siti.id, outcome: "failed", reason: "Dikembalikan bank" })).toEqual({ ok: true, changed: true });
    expect(await available(ids.siti!)).toBe(availableBefore + siti.amount);
    expect((await memberBalance(database.db, a, ids.siti!, { now: new Date(), holdDays: HOLD })).paidOut).toBe(0);
    const actions = await database.sql`select action from audit_log where cooperative_id = ${a} and entity_type = 'payout' order by id`;
    expect(actions.map((row) => row.action)).toEqual(["payout.paid", "payout.failed", "payout.failed"]);
    await expectLedgerHolds(a);
  });

  it("'all paid' pays every pending payout of an exported run in one go", async () => {
    const made = await createPayoutRun(database.db, { ...who("treasurer"), now: new Date() });
    if (!made.ok) throw new Error(made.error);
    expect(await approvePayoutRun(database.db, { ...who("treasurer2"), runId: made.runId, now: new Date() })).toEqual({ ok: true });
    expect(await markRunPaid(database.db, { ...who("treasurer"), shop, runId: made.runId })).toEqual({ ok: false, error: "wrong_state" });
    await exportPayoutRun(database.db, { ...who("treasurer"), runId: made.runId, format: "generic", debitAccount: "", date: new Date() });
    const result = await markRunPaid(database.db, { ...who("treasurer"), shop, runId: made.runId });
    expect(result).toEqual({ ok: true, paid: 2 });
    expect((await getRun(database.db, a, made.runId))!.run.status).toBe("finished");
    expect(await available(ids.siti!)).toBe(0);
    expect(await available(ids.mawar!)).toBe(0);
    await expectLedgerHolds(a);
    await expectLedgerHolds(b);
  });
});

describe("the pages", () => {
  const context = () => ({ db: database.db, mediaRoot: database.mediaRoot, clientIp: "203.0.113.9" });
  const get = (path: string, cookie: string) => new Request(`http://a.test${path}`, { headers: { Cookie: cookie } });
  const status = async (work: () => Promise<unknown>) => {
    try {
      const answer = await work();
      return answer instanceof Response ? answer.status : 200;
    } catch (thrown) {
      return thrown instanceof Response ? thrown.status : (thrown as { init?: { status?: number } }).init?.status;
    }
  };

  it("give another cooperative's treasurer a 404 for this cooperative's run, and a member no way in", async () => {
    const [run] = await database.sql<{ id: string }[]>`select id from payout_runs where cooperative_id = ${a} limit 1`;
    const runPath = `/admin/payouts/${run!.id}`;
    expect(await status(() => runLoader({ request: get(runPath, people.treasurer!.cookie), context: context(), params: { id: run!.id } }))).toBe(200);
    // B's treasurer on B's own host asks for A's run: not found.
    const onB = new Request(`http://b.test${runPath}`, { headers: { Cookie: people.treasurerB!.cookie } });
    expect(await status(() => runLoader({ request: onB, context: context(), params: { id: run!.id } }))).toBe(404);
    const exportOnB = new Request(`http://b.test${runPath}/export`, { method: "POST", body: new URLSearchParams({ format: "generic" }), headers: { Cookie: people.treasurerB!.cookie } });
    expect(await status(() => exportAction({ request: exportOnB, context: context(), params: { id: run!.id } }))).toBe(404);
    const cancelOnB = new Request(`http://b.test${runPath}`, { method: "POST", body: new URLSearchParams({ intent: "approve" }), headers: { Cookie: people.treasurerB!.cookie } });
    const answer = (await runAction({ request: cancelOnB, context: context(), params: { id: run!.id } })) as { init?: { status?: number } };
    expect(answer.init?.status).toBe(404);
    // A's treasurer session does not carry to B's host either.
    expect(await status(() => runLoader({ request: new Request(`http://b.test${runPath}`, { headers: { Cookie: people.treasurer!.cookie } }), context: context(), params: { id: run!.id } }))).toBe(403);
    // A member (Siti's owner) reaches neither the list nor a run nor the export.
    expect(await status(() => runsLoader({ request: get("/admin/payouts", people.member!.cookie), context: context(), params: {} }))).toBe(403);
    expect(await status(() => runLoader({ request: get(runPath, people.member!.cookie), context: context(), params: { id: run!.id } }))).toBe(403);
    // A made-up id is a 404, not a 500.
    expect(await status(() => runLoader({ request: get("/admin/payouts/nope", people.treasurer!.cookie), context: context(), params: { id: "nope" } }))).toBe(404);
  });

  it("let a manager approve but never export (full account numbers are the treasurer's)", async () => {
    const [run] = await database.sql<{ id: string }[]>`select id from payout_runs where cooperative_id = ${a} limit 1`;
    const post = new Request(`http://a.test/admin/payouts/${run!.id}/export`, { method: "POST", body: new URLSearchParams({ format: "generic" }), headers: { Cookie: people.manager!.cookie } });
    expect(await status(() => exportAction({ request: post, context: context(), params: { id: run!.id } }))).toBe(403);
  });
});

describe("the payout rules", () => {
  it("are a manager's, audited before and after; bad input is a 422 that writes nothing", async () => {
    const url = "http://a.test/admin/settings/fees";
    const bad = await postToAction(database, feesAction, url, { intent: "payout-rules", payoutMinimum: "12,5" }, people.manager!.cookie);
    expect(actionOutcome(bad)).toEqual({ status: 422, errors: { payoutMinimum: "payoutRules.error.minimum" } });
    const saved = await postToAction(database, feesAction, url, { intent: "payout-rules", payoutMinimum: "Rp 25.000" }, people.manager!.cookie);
    expect(actionOutcome(saved)).toMatchObject({ status: 302, location: "/admin/settings/fees?saved=payouts" });
    const [row] = await database.sql`select payout_minimum, payout_four_eyes from cooperatives where id = ${a}`;
    expect([Number(row!.payout_minimum), row!.payout_four_eyes]).toEqual([25_000, false]);
    const audits = await database.sql`select before, after from audit_log where cooperative_id = ${a} and action = 'cooperative.payout_rules_changed'`;
    expect(audits.map((audit) => [audit.before, audit.after])).toEqual([[{ payoutMinimum: 10_000, payoutFourEyes: true }, { payoutMinimum: 25_000, payoutFourEyes: false }]]);
    // A treasurer is not a manager here.
    const refused = await postToAction(database, feesAction, url, { intent: "payout-rules", payoutMinimum: "0", payoutFourEyes: "on" }, people.treasurer!.cookie).catch((thrown: unknown) => thrown);
    expect((refused as { init?: { status?: number } }).init?.status).toBe(403);
  });

  it("with four eyes off, the maker may approve their own run", async () => {
    await soldAndCompleted(a, [["chips", 3]], HOLD + 1);
    const made = await createPayoutRun(database.db, { ...who("treasurer"), now: new Date() });
    if (!made.ok) throw new Error(made.error);
    expect(await approvePayoutRun(database.db, { ...who("treasurer"), runId: made.runId, now: new Date() })).toEqual({ ok: true });
  });
});
