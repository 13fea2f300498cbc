import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { members, productVariants, stockMovements } from "../../db/schema";
import { listAudit } from "~/modules/audit/audit.server";
import { adjustStock, stockHistory } from "~/modules/inventory/stock.server";
import { getMemberDashboard } from "~/modules/membership/members.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedTwoCooperatives } from "../support/catalog-fixture";

let database: TestDatabase;
let a: string;
let b: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
});
afterAll(() => database.close());

async function variantOf(cooperativeId: string, productSlug: string) {
  const [row] = await database.sql<{ id: string; stock: number; member_id: string }[]>`
    select v.id, v.stock, p.member_id from product_variants v join products p on p.id = v.product_id
    where v.cooperative_id = ${cooperativeId} and p.slug = ${productSlug} order by v.sku limit 1`;
  return row!;
}

describe("stock", () => {
  it("never goes below zero however many buyers race for the last units", async () => {
    const variant = await variantOf(a, "abon-ikan-tongkol");
    expect(variant.stock).toBe(7);
    const attempts = await Promise.all(
      Array.from({ length: 25 }, () => adjustStock(database.db, { cooperativeId: a, variantId: variant.id, delta: -1, reason: "reserved" })),
    );
    expect(attempts.filter((r) => r.ok)).toHaveLength(7);
    expect(attempts.filter((r) => !r.ok && r.error === "insufficient")).toHaveLength(18);
    expect((await variantOf(a, "abon-ikan-tongkol")).stock).toBe(0);
    const [{ total } = { total: NaN }] = await database.sql<{ total: number }[]>`select coalesce(sum(delta), 0)::int as total from stock_movements where variant_id = ${variant.id} and reason = 'reserved'`;
    expect(total).toBe(-7);
  });

  it("records every movement with its reason; the history explains the number", async () => {
    const variant = await variantOf(a, "keripik-singkong-balado");
    await adjustStock(database.db, { cooperativeId: a, variantId: variant.id, delta: 12, reason: "received", note: "Produksi Senin" });
    await adjustStock(database.db, { cooperativeId: a, variantId: variant.id, delta: -2, reason: "damaged", note: "Kemasan sobek" });
    const history = await stockHistory(database.db, a, variant.id);
    expect(history.slice(0, 2).map((m) => [m.reason, m.delta, m.note])).toEqual([
      ["damaged", -2, "Kemasan sobek"],
      ["received", 12, "Produksi Senin"],
    ]);
    const [{ sum } = { sum: NaN }] = await database.sql<{ sum: number }[]>`select sum(delta)::int as sum from stock_movements where variant_id = ${variant.id}`;
    expect((await variantOf(a, "keripik-singkong-balado")).stock).toBe(sum);
  });

  it("a member changes only their own products' stock, a cooperative only its own", async () => {
    const batik = await variantOf(a, "batik-tulis-mangga");
    const [siti] = await database.db.select().from(members).where(and(eq(members.cooperativeId, a), eq(members.slug, "dapur-bu-siti")));
    expect(await adjustStock(database.db, { cooperativeId: a, variantId: batik.id, delta: 5, reason: "received", memberId: siti!.id })).toEqual({ ok: false, error: "not_found" });
    expect(await adjustStock(database.db, { cooperativeId: b, variantId: batik.id, delta: 5, reason: "received" })).toEqual({ ok: false, error: "not_found" });
    expect((await variantOf(a, "batik-tulis-mangga")).stock).toBe(3);
    expect(await adjustStock(database.db, { cooperativeId: a, variantId: batik.id, delta: 1, reason: "received", memberId: batik.member_id })).toEqual({ ok: true, stock: 4 });
  });

  it("refuses zero and fractional changes; staff changes leave an audit record", async () => {
    const variant = await variantOf(a, "keripik-pisang");
    expect(await adjustStock(database.db, { cooperativeId: a, variantId: variant.id, delta: 0, reason: "correction" })).toEqual({ ok: false, error: "zero" });
    expect(await adjustStock(database.db, { cooperativeId: a, variantId: variant.id, delta: 1.5, reason: "correction" })).toEqual({ ok: false, error: "zero" });
    await adjustStock(database.db, { cooperativeId: a, variantId: variant.id, delta: 3, reason: "correction", note: "Hitung ulang", staff: true });
    const audit = await listAudit(database.db, a, { action: "stock.adjusted", page: 1 });
    expect(audit.items[0]).toMatchObject({ entityId: variant.id, before: { stock: 0 }, after: { stock: 3, reason: "correction" } });
  });

  it("the table itself refuses negative stock", async () => {
    const variant = await variantOf(a, "keripik-pisang");
    await expect(database.db.update(productVariants).set({ stock: -1 }).where(eq(productVariants.id, variant.id))).rejects.toMatchObject({
      cause: expect.objectContaining({ message: expect.stringMatching(/product_variants_stock_not_negative/) }),
    });
    expect((await database.db.select().from(stockMovements).where(eq(stockMovements.variantId, variant.id))).length).toBeGreaterThan(0);
  });
});

describe("the member dashboard's low-stock list", () => {
  it("names each product running low, with its SKU, and only the member's own", async () => {
    const sold = await variantOf(a, "abon-ikan-tongkol");
    const dashboard = await getMemberDashboard(database.db, a, sold.member_id);
    const low = dashboard!.lowStock.find((item) => item.slug === "abon-ikan-tongkol");
    expect(low).toMatchObject({ name: "Abon Ikan Tongkol", stock: 0, slug: "abon-ikan-tongkol" });
    const others = await database.sql<{ id: string }[]>`select id from members where cooperative_id = ${a} and id <> ${sold.member_id}`;
    for (const other of others) {
      expect((await getMemberDashboard(database.db, a, other.id))!.lowStock.map((item) => item.slug)).not.toContain("abon-ikan-tongkol");
    }
  });
});
