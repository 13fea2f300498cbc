import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { advanceOrder } from "~/flows/fulfil-order.server";
import { decideReturn, requestReturn } from "~/flows/request-return.server";
import { getOrder } from "~/modules/orders/orders.server";
import { returnRequestsOfOrder } from "~/modules/orders/returns.server";
import { privateImage } from "~/modules/media/image-check.server";
import { loader as photoByLink } from "~/routes/orders.$token.returns.$returnId.photo";
import { action as orderPageAction } from "~/routes/orders.$token";
import { loader as staffPhoto } from "~/routes/admin.orders.$id.returns.$returnId.photo";
import { actionOutcome, staffWithCookie } from "../support/actions";
import { seedTwoCooperatives } from "../support/catalog-fixture";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { placePaidOrder } from "../support/orders";

let database: TestDatabase;
let a: string;
let b: string;
let staffId: string;
let photo: { image: Buffer; mimeType: string };

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
  const [user] = await database.sql<{ id: string }[]>`insert into users (email, name) values ('gudang-retur@a.test', 'Pak Gudang') returning id`;
  staffId = user!.id;
  await database.sql`update cooperatives set email = 'pengurus@kopwan-a.test' where id = ${a}`;
  photo = await privateImage(await sharp({ create: { width: 640, height: 480, channels: 3, background: "#c08040" } }).jpeg().toBuffer());
});
afterAll(() => database.close());

const context = () => ({ db: database.db, mediaRoot: database.mediaRoot, clientIp: "203.0.113.9" });

const paidOrder = (email = "wulan@example.id") => placePaidOrder(database, { cooperativeId: a, email, quantity: 2 });

async function pickedUp(email?: string) {
  const order = await paidOrder(email);
  expect(await advanceOrder(database.db, { cooperativeId: a, orderId: order.orderId, step: "picked_up", actorUserId: staffId })).toEqual({ ok: true });
  return order;
}

/** What a refused request must not leave behind. */
async function written(orderId: string) {
  const [row] = await database.sql<{ requests: number; events: number; mails: number }[]>`
    select (select count(*)::int from return_requests where order_id = ${orderId}) as requests,
           (select count(*)::int from order_events where order_id = ${orderId} and kind like 'return%') as events,
           (select count(*)::int from outbox_emails where template like 'return%' and (text_body like ${`%${(await getOrder(database.db, a, orderId))!.order.number}%`})) as mails`;
  return row!;
}

const ask = (orderId: string, lines: Record<string, number>, extra: Partial<Parameters<typeof requestReturn>[1]> = {}) =>
  requestReturn(database.db, { cooperativeId: a, orderId, lines, reasonCode: "damaged", reason: "Kemasan sobek", photo: null, ...extra });

describe("return requests", () => {
  it("are refused before delivery, and nothing is written", async () => {
    const order = await paidOrder();
    expect(await ask(order.orderId, { [order.lineId]: 1 })).toEqual({ ok: false, error: "not_delivered" });
    expect(await written(order.orderId)).toEqual({ requests: 0, events: 0, mails: 0 });
  });

  it("are accepted within the window: the request, its lines, the timeline, the staff's and the shopper's e-mails", async () => {
    const order = await pickedUp();
    const result = await ask(order.orderId, { [order.lineId]: 1 }, { photo });
    expect(result.ok).toBe(true);
    const [request] = await returnRequestsOfOrder(database.db, a, order.orderId);
    expect(request).toMatchObject({ status: "requested", reasonCode: "damaged", reason: "Kemasan sobek", hasPhoto: true, lines: [{ orderLineId: order.lineId, quantity: 1 }] });
    expect(await written(order.orderId)).toEqual({ requests: 1, events: 1, mails: 2 });
    const mails = await database.sql<{ to_address: string; template: string; text_body: string }[]>`
      select to_address, template, text_body from outbox_emails where template like 'return%' and text_body like ${`%${order.number}%`} order by created_at`;
    const [toStaff, toShopper] = mails;
    const [cooperative] = await database.sql<{ email: string }[]>`select email from cooperatives where id = ${a}`;
    expect(toStaff).toMatchObject({ to_address: cooperative!.email, template: "return_requested" });
    expect(toStaff!.text_body).toContain(`/admin/orders/${order.orderId}`);
    expect(toShopper).toMatchObject({ to_address: "wulan@example.id", template: "return_received" });
    // The outbox staff read never holds a working order link.
    expect(toShopper!.text_body).not.toMatch(/\/orders\/[A-Za-z0-9_-]{20,}/);
  });

  it("are refused over the quantity left (sold, less refunded, less asked for), for another order's line, and with nothing chosen", async () => {
    const order = await pickedUp();
    const other = await pickedUp();
    expect((await ask(order.orderId, { [order.lineId]: 1 })).ok).toBe(true);
    const before = await written(order.orderId);
    expect(await ask(order.orderId, { [order.lineId]: 2 })).toEqual({ ok: false, error: "too_many" });
    expect(await ask(order.orderId, { [other.lineId]: 1 })).toEqual({ ok: false, error: "too_many" });
    expect(await ask(order.orderId, { [order.lineId]: 0 })).toEqual({ ok: false, error: "nothing_chosen" });
    expect(await ask(order.orderId, { [order.lineId]: 1 }, { reasonCode: "other", reason: " " })).toEqual({ ok: false, error: "reason_required" });
    expect(await written(order.orderId)).toEqual(before);
    // A declined request frees its quantity again; the last one may be asked for once.
    const [request] = await returnRequestsOfOrder(database.db, a, order.orderId);
    expect(await decideReturn(database.db, { cooperativeId: a, orderId: order.orderId, returnId: request!.id, decision: "declined", note: "", actorUserId: staffId })).toEqual({ ok: false, error: "note_required" });
    expect(await decideReturn(database.db, { cooperativeId: b, orderId: order.orderId, returnId: request!.id, decision: "declined", note: "Bukan koperasi ini", actorUserId: staffId })).toEqual({ ok: false, error: "not_found" });
    expect(await decideReturn(database.db, { cooperativeId: a, orderId: order.orderId, returnId: request!.id, decision: "declined", note: "Foto tidak menunjukkan kerusakan", actorUserId: staffId })).toEqual({ ok: true });
    expect(await decideReturn(database.db, { cooperativeId: a, orderId: order.orderId, returnId: request!.id, decision: "accepted", note: "", actorUserId: staffId })).toEqual({ ok: false, error: "already_decided" });
    expect((await ask(order.orderId, { [order.lineId]: 2 })).ok).toBe(true);
    expect(await ask(order.orderId, { [order.lineId]: 1 })).toEqual({ ok: false, error: "too_many" });
    const [audit] = await database.sql<{ action: string; actor_user_id: string }[]>`select action, actor_user_id from audit_log where entity_id = ${request!.id}`;
    expect(audit).toMatchObject({ action: "order.return_declined", actor_user_id: staffId });
    const [decided] = await database.sql<{ text_body: string }[]>`select text_body from outbox_emails where template = 'return_decided' and text_body like ${`%${order.number}%`}`;
    expect(decided!.text_body).toContain("Foto tidak menunjukkan kerusakan");
  });

  it("are refused once the cooperative's return window has passed, and when the window is 0 days", async () => {
    const order = await pickedUp();
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect(await ask(order.orderId, { [order.lineId]: 1 }, { now: later })).toEqual({ ok: false, error: "window_closed" });
    expect((await ask(order.orderId, { [order.lineId]: 1 }, { now: new Date(Date.now() + 6 * 86_400_000) })).ok).toBe(true);
    await database.sql`update cooperatives set return_window_days = 0 where id = ${a}`;
    try {
      expect(await ask(order.orderId, { [order.lineId]: 1 })).toEqual({ ok: false, error: "window_closed" });
    } finally {
      await database.sql`update cooperatives set return_window_days = 7 where id = ${a}`;
    }
    expect((await written(order.orderId)).requests).toBe(1);
  });

  it("through the order page: sent once, a 4xx with the message at its field when refused, the photo re-encoded", async () => {
    const order = await pickedUp();
    const post = (fields: Record<string, string | Blob>) => {
      const body = new FormData();
      for (const [name, value] of Object.entries(fields)) body.append(name, value);
      return orderPageAction({ request: new Request(`http://a.test/orders/${order.token}`, { method: "POST", body }), context: context(), params: { token: order.token } });
    };
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#aa3322" } }).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const fields = { intent: "return", formToken: "token-of-the-return-form-0001", reasonCode: "damaged", reason: "Pecah", [`qty:${order.lineId}`]: "1" };
    expect(actionOutcome(await post({ ...fields, [`qty:${order.lineId}`]: "3" }))).toEqual({ status: 422, errors: { lines: "order.return.error.tooMany" } });
    expect(actionOutcome(await post({ ...fields, reasonCode: "bosan" })).status).toBe(422);
    expect(actionOutcome(await post({ ...fields, photo: new File([Buffer.from("not an image")], "x.jpg", { type: "image/jpeg" }) }))).toEqual({ status: 415, errors: { photo: "upload.error.notImage" } });
    expect((await written(order.orderId)).requests).toBe(0);
    const first = await post({ ...fields, photo: new File([new Uint8Array(jpeg)], "foto.jpg", { type: "image/jpeg" }) });
    expect((first as { data: { ok: boolean } }).data.ok).toBe(true);
    // The same form again (a double tap, a replay) records nothing more.
    await post({ ...fields, photo: new File([new Uint8Array(jpeg)], "foto.jpg", { type: "image/jpeg" }) });
    expect((await written(order.orderId)).requests).toBe(1);
    const [stored] = await database.sql<{ mime_type: string; photo: Buffer }[]>`select mime_type, photo from return_requests where order_id = ${order.orderId}`;
    expect(stored!.mime_type).toBe("image/webp");
    const meta = await sharp(stored!.photo).metadata();
    expect(meta.exif).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([600, 800]);
  });

  it("keep the photo private: its order's link and the cooperative's staff see it; another order's link, another shop's host or staff do not", async () => {
    const order = await pickedUp();
    const other = await pickedUp();
    expect((await ask(order.orderId, { [order.lineId]: 1 }, { photo })).ok).toBe(true);
    const [request] = await returnRequestsOfOrder(database.db, a, order.orderId);
    const byLink = (host: string, token: string) =>
      photoByLink({ request: new Request(`http://${host}/orders/${token}/returns/${request!.id}/photo`), context: context(), params: { token, returnId: request!.id } });
    const status = async (pending: Promise<unknown>) => {
      try {
        const answer = await pending;
        return answer instanceof Response ? answer.status : 200;
      } catch (thrown) {
        return thrown instanceof Response ? thrown.status : (thrown as { init?: { status?: number } }).init?.status;
      }
    };
    const own = (await byLink("a.test", order.token)) as Response;
    expect(own.status).toBe(200);
    expect(own.headers.get("Content-Type")).toBe("image/webp");
    expect(own.headers.get("Cache-Control")).toContain("no-store");
    expect(await status(byLink("a.test", other.token))).toBe(404);
    expect(await status(byLink("b.test", order.token))).toBe(404);

    const staffA = await staffWithCookie(database, a, "pengurus-retur@a.test", "fulfilment");
    const staffB = await staffWithCookie(database, b, "pengurus-retur@b.test", "manager");
    const asStaff = (host: string, cookie: string, orderId: string) =>
      staffPhoto({ request: new Request(`http://${host}/admin/orders/${orderId}/returns/${request!.id}/photo`, { headers: { Cookie: cookie } }), context: context(), params: { id: orderId, returnId: request!.id } });
    expect(await status(asStaff("a.test", staffA.cookie, order.orderId))).toBe(200);
    expect(await status(asStaff("a.test", staffA.cookie, other.orderId))).toBe(404);
    expect(await status(asStaff("b.test", staffB.cookie, order.orderId))).toBe(404);
  });
});
