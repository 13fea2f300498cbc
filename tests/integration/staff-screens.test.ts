import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { members } from "../../db/schema";
import { searchMembers } from "~/modules/membership/member-search.server";
import { staffDashboard } from "~/modules/membership/staff-dashboard.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedTwoCooperatives } from "../support/catalog-fixture";

let database: TestDatabase;
let a: string;
let b: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
  await database.db
    .update(members)
    .set({ ownerName: "Ibu Yuyun Wahyuni", phone: "+6285233344455" })
    .where(and(eq(members.cooperativeId, a), eq(members.slug, "batik-mawar")));
});

afterAll(() => database.close());

const found = async (cooperativeId: string, q: string) =>
  (await searchMembers(database.db, cooperativeId, { q, page: 1, pageSize: 25 })).items.map((member) => member.businessName);

describe("the members list's search", () => {
  it("finds a member by business, owner's name (any case, accents ignored), phone as typed, and member number", async () => {
    expect(await found(a, "mawar")).toEqual(["Batik Mawar Paiton"]);
    expect(await found(a, "YUYUN")).toEqual(["Batik Mawar Paiton"]);
    expect(await found(a, "0852-3334")).toEqual(["Batik Mawar Paiton"]);
    expect(await found(a, "+62 852 333 444 55")).toEqual(["Batik Mawar Paiton"]);
    const [mawar] = await database.db.select().from(members).where(and(eq(members.cooperativeId, a), eq(members.slug, "batik-mawar")));
    expect(await found(a, mawar!.memberNumber.toLowerCase())).toEqual(["Batik Mawar Paiton"]);
    expect(await found(a, "tidak ada")).toEqual([]);
    // A wildcard typed into the box is a character, not a pattern.
    expect(await found(a, "%")).toEqual([]);
  });

  it("stays inside the cooperative and pages through", async () => {
    // B reuses A's names: a search in A never shows B's members.
    const inA = await searchMembers(database.db, a, { q: "mawar", page: 1, pageSize: 25 });
    expect(inA.items.every((member) => member.id !== undefined)).toBe(true);
    const idsOfB = (await database.db.select({ id: members.id }).from(members).where(eq(members.cooperativeId, b))).map((row) => row.id);
    expect(inA.items.map((member) => member.id).filter((id) => idsOfB.includes(id))).toEqual([]);
    const first = await searchMembers(database.db, a, { page: 1, pageSize: 1 });
    const second = await searchMembers(database.db, a, { page: 2, pageSize: 1 });
    expect(first.total).toBe(2);
    expect(first.pageCount).toBe(2);
    expect(first.items[0]!.id).not.toBe(second.items[0]!.id);
  });
});

describe("the staff home's counts", () => {
  it("counts only what is asked, inside the cooperative", async () => {
    const counts = await staffDashboard(database.db, a, ["members", "toReview", "paidOrders", "transferProofs"]);
    expect(counts).toEqual({ members: 2, toReview: 0, paidOrders: 0, transferProofs: 0 });
    expect(await staffDashboard(database.db, a, [])).toEqual({});
  });
});
