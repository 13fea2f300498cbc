import { parse } from "csv-parse/sync";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finaliseShu, fiscalYearBounds, shuYearReport } from "~/flows/shu.server";
import { translatorFor } from "~/lib/i18n/locale.server";
import { shuCsv, shuPdf } from "~/modules/shu/files.server";
import { shuInputsSchema } from "~/modules/shu/forms";
import { readSavingsCsv } from "~/modules/shu/savings-csv";
import { memberShuLines, openShuYear, saveShuInputs, saveSavings, unlockShuYear } from "~/modules/shu/years.server";
import { action as yearAction, loader as yearLoader } from "~/routes/admin.shu.$year";
import { loader as reportLoader } from "~/routes/admin.shu.$year.report";
import { seedTwoCooperatives } from "../support/catalog-fixture";
import { staffWithCookie } from "../support/actions";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { paidOrder } from "../support/orders";

let database: TestDatabase;
let a: string;
let b: string;
let manager: { userId: string; cookie: string };
let managerB: { userId: string; cookie: string };
const ids: Record<string, string> = {};
const numbers: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
  // Cooperative A is in Bali: WITA, eight hours ahead of UTC.
  await database.sql`update cooperatives set province = 'Bali', local_delivery_fee = 15000, local_delivery_area = 'Kota Probolinggo' where id = ${a}`;
  for (const [key, coop, slug] of [
    ["siti", a, "dapur-bu-siti"],
    ["mawar", a, "batik-mawar"],
    ["sitiB", b, "dapur-bu-siti"],
  ] as const) {
    const [row] = await database.sql<{ id: string; member_number: string }[]>`select id, member_number from members where cooperative_id = ${coop} and slug = ${slug}`;
    ids[key] = row!.id;
    numbers[key] = row!.member_number;
  }
  const [chips] = await database.sql<{ id: string }[]>`
    select v.id from product_variants v join products p on p.id = v.product_id where v.cooperative_id = ${a} and p.slug = 'keripik-singkong-balado' order by v.sku limit 1`;
  ids.chips = chips!.id;
  await database.sql`update product_variants set stock = 50 where id = ${ids.chips!}`;
  manager = await staffWithCookie(database, a, "pengurus@a.test", "manager");
  managerB = await staffWithCookie(database, b, "pengurus@b.test", "manager");
});
afterAll(() => database.close());

/** A paid order of cooperative A: chips at Rp 18.000 each, paid at `paidAt`. */
const paidChips = (quantity: number, paidAt: Date) => paidOrder(database, a, [[ids.chips!, quantity]], paidAt);

const who = () => ({ cooperativeId: a, actorUserId: manager.userId, ipAddress: "203.0.113.9" });
const inputs = (surplus: string) => {
  const parsed = shuInputsSchema.safeParse({
    surplus,
    jasaUsahaPercent: "40",
    jasaModalPercent: "20",
    fundName0: "Dana cadangan",
    fundPercent0: "25",
    fundName1: "Dana pengurus",
    fundPercent1: "15",
  });
  if (!parsed.success) throw new Error("bad inputs");
  return parsed.data;
};
const countRows = async (table: "shu_savings" | "audit_log") => Number((await database.sql.unsafe<{ n: string }[]>(`select count(*) as n from ${table}`))[0]!.n);

describe("SHU on real Postgres", () => {
  it("counts a member's sales in the fiscal year of the cooperative's zone (WITA), not of UTC or WIB", async () => {
    // 23.59 WITA on New Year's Eve: still 2026. Two minutes later it is 00.01 on 1 January 2027 in Bali (but 23.01 in Jakarta).
    await paidChips(2, new Date("2026-12-31T15:59:00Z"));
    await paidChips(1, new Date("2026-12-31T16:01:00Z"));
    const bounds = fiscalYearBounds(2026, { id: a, province: "Bali" });
    expect(bounds).toEqual({ from: new Date("2025-12-31T16:00:00Z"), to: new Date("2026-12-31T16:00:00Z") });

    await openShuYear(database.db, { ...who(), year: 2026 });
    await openShuYear(database.db, { ...who(), year: 2027 });
    const y2026 = (await shuYearReport(database.db, { id: a, province: "Bali" }, 2026))!;
    const y2027 = (await shuYearReport(database.db, { id: a, province: "Bali" }, 2027))!;
    const salesOf = (report: typeof y2026, key: string) => report.members.find((member) => member.memberId === ids[key])!.sales;
    // Omzet (share + fee) of the order lines, not the shipping.
    expect(salesOf(y2026, "siti")).toBe(36_000);
    expect(salesOf(y2027, "siti")).toBe(18_000);
    expect(salesOf(y2026, "mawar")).toBe(0);
    // The other cooperative's members never appear.
    expect(y2026.members.map((member) => member.memberId)).not.toContain(ids.sitiB);
  });

  it("imports savings from CSV all or nothing, with a message per bad row", async () => {
    const before = { savings: await countRows("shu_savings"), audit: await countRows("audit_log") };
    // The other cooperative's member number is unknown here: the whole file is refused.
    const file = `member_number,pokok,wajib\n${numbers.siti},100000,900000\n${numbers.mawar},100000,"400.000"\nAGT-9999,1,1\n`;
    const read = readSavingsCsv(file);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const refused = await saveSavings(database.db, { ...who(), year: 2026, rows: read.rows, source: "csv" });
    expect(refused).toEqual({ ok: false, error: "unknown_member", unknown: [{ line: 4, value: "AGT-9999" }] });
    expect({ savings: await countRows("shu_savings"), audit: await countRows("audit_log") }).toEqual(before);

    const good = readSavingsCsv(`nomor_anggota;pokok;wajib\n${numbers.siti};100.000;900.000\n${numbers.mawar!.toLowerCase()};100.000;400.000\n`);
    if (!good.ok) throw new Error("unreadable");
    expect(await saveSavings(database.db, { ...who(), year: 2026, rows: good.rows, source: "csv" })).toEqual({ ok: true, count: 2 });
    expect(await countRows("shu_savings")).toBe(before.savings + 2);
    const audits = await database.sql`select after from audit_log where cooperative_id = ${a} and action = 'shu.savings_imported'`;
    expect(audits.map((row) => row.after)).toEqual([{ rows: 2, total: 1_500_000 }]);
  });

  it("answers the year page's import with the bad rows and a 422, and writes nothing", async () => {
    const before = await countRows("shu_savings");
    const body = new FormData();
    body.set("intent", "import");
    body.set("file", new File([`member_number,pokok,wajib\n${numbers.siti},12.5,0\n${numbers.siti},1,1\n`], "simpanan.csv", { type: "text/csv" }));
    const answer = (await yearAction({
      request: new Request("http://a.test/admin/shu/2026", { method: "POST", body, headers: { Cookie: manager.cookie } }),
      context: { db: database.db, mediaRoot: database.mediaRoot, clientIp: "203.0.113.9" },
      params: { year: "2026" },
    })) as unknown as { init: { status: number }; data: { errors: Record<string, string>; problems: { line: number; message: string }[] } };
    expect(answer.init.status).toBe(422);
    expect(answer.data.errors).toEqual({ file: "shu.import.error.rows" });
    expect(answer.data.problems.map((problem) => [problem.line, problem.message])).toEqual([
      [2, "shu.import.error.amount"],
      [3, "shu.import.error.duplicate"],
    ]);
    expect(await countRows("shu_savings")).toBe(before);
  });

  it("computes the hand-checked report, locks it when final, and lets members see only their own line", async () => {
    expect(await saveShuInputs(database.db, { ...who(), year: 2026, inputs: inputs("10.000.000") })).toEqual({ ok: true });
    const report = (await shuYearReport(database.db, { id: a, province: "Bali" }, 2026))!;
    // Jasa usaha Rp 4.000.000: Siti sold everything (Rp 36.000). Jasa modal Rp 2.000.000 by savings 1.000.000 : 500.000,
    // i.e. 1.333.333,33 and 666.666,67: the one rupiah left goes to Mawar's larger remainder.
    const part = (key: string) => report.members.find((member) => member.memberId === ids[key])!;
    expect([part("siti").jasaUsaha, part("siti").jasaModal, part("siti").total]).toEqual([4_000_000, 1_333_333, 5_333_333]);
    expect([part("mawar").jasaUsaha, part("mawar").jasaModal, part("mawar").total]).toEqual([0, 666_667, 666_667]);
    expect(report.report.totals.total).toBe(6_000_000);
    expect(report.report.lines.map((line) => line.amount)).toEqual([4_000_000, 2_000_000, 2_500_000, 1_500_000]);

    expect(await finaliseShu(database.db, { id: a, province: "Bali" }, { ...who(), year: 2026 })).toEqual({ ok: true });
    // Locked: every change is refused, and nothing moves.
    expect(await saveShuInputs(database.db, { ...who(), year: 2026, inputs: inputs("1") })).toEqual({ ok: false, error: "locked" });
    expect(await saveSavings(database.db, { ...who(), year: 2026, rows: [{ memberNumber: numbers.siti!, pokok: 1, wajib: 1 }], source: "typed" })).toEqual({
      ok: false,
      error: "locked",
    });
    expect(await finaliseShu(database.db, { id: a, province: "Bali" }, { ...who(), year: 2026 })).toEqual({ ok: false, error: "locked" });
    // A late payment posted into 2026 after finalising does not change the final figures.
    await paidChips(1, new Date("2026-12-31T10:00:00Z"));
    const final = (await shuYearReport(database.db, { id: a, province: "Bali" }, 2026))!;
    expect(final.year.finalisedAt).not.toBeNull();
    expect(final.year.finalisedByName).toBe("pengurus@a.test");
    expect(final.members.find((member) => member.memberId === ids.siti)!.sales).toBe(36_000);

    // Each member sees their own line only.
    expect(await memberShuLines(database.db, a, ids.siti!)).toEqual([
      expect.objectContaining({ year: 2026, sales: 36_000, savings: 1_000_000, jasaUsaha: 4_000_000, jasaModal: 1_333_333 }),
    ]);
    expect(await memberShuLines(database.db, a, ids.mawar!)).toEqual([expect.objectContaining({ year: 2026, jasaUsaha: 0, jasaModal: 666_667 })]);
    expect(await memberShuLines(database.db, b, ids.siti!)).toEqual([]);

    const actions = await database.sql`select action from audit_log where cooperative_id = ${a} and action like 'shu.%' order by id`;
    expect(actions.map((row) => row.action)).toEqual(["shu.year_opened", "shu.year_opened", "shu.savings_imported", "shu.inputs_changed", "shu.finalised"]);

    // Unlocking (audited) takes the line away from members until the year is final again.
    expect(await unlockShuYear(database.db, { ...who(), year: 2026 })).toEqual({ ok: true });
    expect(await memberShuLines(database.db, a, ids.siti!)).toEqual([]);
    expect(await unlockShuYear(database.db, { ...who(), year: 2026 })).toEqual({ ok: false, error: "not_locked" });
    const unlocked = (await shuYearReport(database.db, { id: a, province: "Bali" }, 2026))!;
    expect(unlocked.members.find((member) => member.memberId === ids.siti)!.sales).toBe(54_000);
    expect(await finaliseShu(database.db, { id: a, province: "Bali" }, { ...who(), year: 2026 })).toEqual({ ok: true });
  });

  it("gives another cooperative's manager a 404 for this cooperative's year, page, files and forms alike", async () => {
    const context = { db: database.db, mediaRoot: database.mediaRoot, clientIp: "203.0.113.9" };
    const status = async (work: Promise<unknown>) => {
      try {
        const answer = await work;
        return answer instanceof Response ? answer.status : 200;
      } catch (thrown) {
        if (thrown instanceof Response) return thrown.status;
        return (thrown as { init?: { status?: number } }).init?.status ?? String(thrown);
      }
    };
    const get = (host: string, path: string, cookie: string) => new Request(`http://${host}${path}`, { headers: { Cookie: cookie } });
    expect(await status(yearLoader({ request: get("a.test", "/admin/shu/2026", manager.cookie), context, params: { year: "2026" } }))).toBe(200);
    expect(await status(yearLoader({ request: get("b.test", "/admin/shu/2026", managerB.cookie), context, params: { year: "2026" } }))).toBe(404);
    expect(await status(reportLoader({ request: get("b.test", "/admin/shu/2026/report?format=csv", managerB.cookie), context, params: { year: "2026" } }))).toBe(404);
    // B's manager's cookie on A's host is no staff of A.
    expect(await status(yearLoader({ request: get("a.test", "/admin/shu/2026", managerB.cookie), context, params: { year: "2026" } }))).toBe(403);
    const post = new Request("http://b.test/admin/shu/2026", { method: "POST", body: new URLSearchParams({ intent: "unlock" }), headers: { Cookie: managerB.cookie } });
    expect(await status(yearAction({ request: post, context, params: { year: "2026" } }))).toBe(404);
    expect((await shuYearReport(database.db, { id: a, province: "Bali" }, 2026))!.year.finalisedAt).not.toBeNull();
  });

  it("writes the report as a PDF and a CSV with the page's figures", async () => {
    const found = (await shuYearReport(database.db, { id: a, province: "Bali" }, 2026))!;
    const header = { cooperativeName: "Kopwan A", year: 2026, locale: "id" as const, t: translatorFor("id"), finalised: "Final" };
    const pdf = await shuPdf(found.report, found.members, header);
    const text = (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text;
    expect(text).toContain("Pembagian SHU tahun 2026");
    expect(text).toContain("Dapur Bu Siti");
    expect(text).toContain("Dana cadangan");
    expect(text).toContain("Rp 10.000.000");
    expect(text).toContain("Rp 4.000.000");
    expect(text).toContain("Rp 6.000.000");

    const rows = parse(shuCsv(found.report, found.members, header), { relax_column_count: true }) as string[][];
    const memberRows = rows.filter((row) => Object.values(numbers).includes(row[0]!));
    const totalRow = rows.at(-1)!;
    expect(totalRow[0]).toBe("Jumlah");
    // Every member's parts add up to the totals row, and the totals to the pools.
    for (const column of [4, 5, 6]) expect(memberRows.reduce((sum, row) => sum + Number(row[column]), 0)).toBe(Number(totalRow[column]));
    expect(totalRow.slice(4).map(Number)).toEqual([4_000_000, 2_000_000, 6_000_000]);
  });

  it("escapes a fund name a spreadsheet would run as a formula", async () => {
    const found = (await shuYearReport(database.db, { id: a, province: "Bali" }, 2026))!;
    const report = { ...found.report, lines: found.report.lines.map((line) => (line.role === "fund" ? { ...line, name: "=HYPERLINK(\"x\")" } : line)) };
    const csv = shuCsv(report, found.members, { cooperativeName: "Kopwan A", year: 2026, locale: "en", t: translatorFor("en"), finalised: null });
    expect(csv).toContain("'=HYPERLINK");
  });
});
