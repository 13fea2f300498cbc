import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookie } from "~/lib/session-cookie.server";
import { createSession } from "~/modules/identity/sessions.server";
import { loader as accountLoader } from "~/routes/account";
import { loader as accountOrderLoader } from "~/routes/account_.orders.$id";
import { seedTwoCooperatives } from "../support/catalog-fixture";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { placePaidOrder } from "../support/orders";

let database: TestDatabase;
let a: string;
let b: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
});
afterAll(() => database.close());

const context = () => ({ db: database.db, mediaRoot: database.mediaRoot, clientIp: "203.0.113.9" });

async function shopper(email: string) {
  const [user] = await database.sql<{ id: string }[]>`insert into users (email, name) values (${email}, 'Shopper') returning id`;
  const cookie = await sessionCookie().serialize(await createSession(database.db, user!.id, { userAgent: "test", ipAddress: "203.0.113.9" }));
  return { userId: user!.id, cookie };
}

const order = (userId: string | null, email: string) => placePaidOrder(database, { cooperativeId: a, email, userId, locale: "en" });

async function statusOf(pending: Promise<unknown>): Promise<number | undefined> {
  try {
    const answer = await pending;
    return answer instanceof Response ? answer.status : 200;
  } catch (thrown) {
    return thrown instanceof Response ? thrown.status : (thrown as { init?: { status?: number } }).init?.status;
  }
}

describe("a shopper's orders in their account", () => {
  it("lists only their own orders at this shop, newest first, a page at a time, with an empty state for none", async () => {
    const jane = await shopper("jane.account@example.com");
    const budi = await shopper("budi.account@example.com");
    const mine = [];
    for (let i = 0; i < 11; i += 1) mine.push(await order(jane.userId, "jane.account@example.com"));
    const budis = await order(budi.userId, "budi.account@example.com");
    const guest = await order(null, "jane.account@example.com");
    const list = async (cookie: string, query = "", host = "a.test") => {
      const loaded = (await accountLoader({ request: new Request(`http://${host}/account${query}`, { headers: { Cookie: cookie } }), context: context(), params: {} })) as {
        orders: { orders: { id: string; number: string }[]; total: number; page: number; pageCount: number };
      };
      return loaded.orders;
    };
    const first = await list(jane.cookie);
    expect(first.total).toBe(11);
    expect(first.pageCount).toBe(2);
    expect(first.orders).toHaveLength(10);
    expect(first.orders[0]!.id).toBe(mine.at(-1)!.orderId);
    const second = await list(jane.cookie, "?page=2");
    expect(second.orders.map((row) => row.id)).toEqual([mine[0]!.orderId]);
    const ids = [...first.orders, ...second.orders].map((row) => row.id);
    expect(ids).not.toContain(budis.orderId);
    // The same address as a guest is not the account: its order is reached by its private link only.
    expect(ids).not.toContain(guest.orderId);
    expect((await list(budi.cookie)).orders.map((row) => row.id)).toEqual([budis.orderId]);
    // At another cooperative's shop the same shopper has no orders.
    expect((await list(jane.cookie, "", "b.test")).total).toBe(0);
    expect(b).toBeTruthy();
  });

  it("opens their own order's page; another shopper's order, a guest order, a made-up id or another shop give 404", async () => {
    const jane = await shopper("jane.page@example.com");
    const budi = await shopper("budi.page@example.com");
    const janes = await order(jane.userId, "jane.page@example.com");
    const budis = await order(budi.userId, "budi.page@example.com");
    const guest = await order(null, "jane.page@example.com");
    const open = (cookie: string, id: string, host = "a.test") =>
      accountOrderLoader({ request: new Request(`http://${host}/account/orders/${id}`, { headers: { Cookie: cookie } }), context: context(), params: { id } });
    const page = (await open(jane.cookie, janes.orderId)) as { data: { order: { number: string; status: string }; id: string } };
    expect(page.data.order).toMatchObject({ number: janes.number, status: "paid" });
    expect(await statusOf(open(jane.cookie, budis.orderId))).toBe(404);
    expect(await statusOf(open(jane.cookie, guest.orderId))).toBe(404);
    expect(await statusOf(open(jane.cookie, "not-a-uuid"))).toBe(404);
    expect(await statusOf(open(jane.cookie, "00000000-0000-4000-8000-000000000000"))).toBe(404);
    expect(await statusOf(open(jane.cookie, janes.orderId, "b.test"))).toBe(404);
    // Signed out: to the sign-in page, not the order.
    expect(await statusOf(open("", janes.orderId))).toBe(302);
  });

  it("the paid e-mail links to the private page, and mentions the account only to a shopper who has one", async () => {
    const jane = await shopper("jane.mail@example.com");
    const janes = await order(jane.userId, "jane.mail@example.com");
    await order(null, "guest.mail@example.com");
    const mail = async (to: string) => {
      const [row] = await database.sql<{ text_body: string }[]>`select text_body from outbox_emails where to_address = ${to} and template = 'payment_received' order by created_at desc limit 1`;
      return row!.text_body;
    };
    const toJane = await mail("jane.mail@example.com");
    expect(toJane).toContain("https://one-time-link.invalid");
    expect(toJane).toContain(`/account/orders/${janes.orderId}`);
    expect(await mail("guest.mail@example.com")).not.toContain("/account/orders/");
  });
});
