import { sql } from "drizzle-orm";
import { check, customType, date, foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { cooperativeId, createdAt, id, rupiah } from "./columns";
import { users } from "./identity";
import { orders } from "./orders";
import { cooperatives } from "./tenancy";

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

/** How a sale at the counter was paid: cash, the cooperative's printed QRIS sticker, or a Midtrans QRIS for the exact amount. */
export const outletPaymentMethod = pgEnum("outlet_payment_method", ["cash", "qris_static", "qris_midtrans"]);

/**
 * A sale at the outlet counter (decision 33): the order itself is an ordinary order of channel `outlet`; this row
 * says who sold it, on which day of the cooperative's calendar, how it was paid and, for cash, what was given.
 */
export const outletSales = pgTable(
  "outlet_sales",
  {
    cooperativeId: cooperativeId(),
    orderId: uuid().notNull(),
    soldBy: uuid().references(() => users.id, { onDelete: "set null" }),
    /** The day in the cooperative's time zone: what a day's close counts. */
    businessDate: date({ mode: "string" }).notNull(),
    method: outletPaymentMethod().notNull(),
    cashGiven: rupiah(),
    change: rupiah(),
    /** A Midtrans QRIS: what the code encodes, and Midtrans's image of it. */
    qrString: text(),
    qrImageUrl: text(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.cooperativeId, t.orderId] }),
    foreignKey({ name: "outlet_sales_order_fk", columns: [t.cooperativeId, t.orderId], foreignColumns: [orders.cooperativeId, orders.id] }),
    index("outlet_sales_day_idx").on(t.cooperativeId, t.businessDate, t.soldBy),
    index("outlet_sales_sold_by_idx").on(t.soldBy),
    check("outlet_sales_cash", sql`(${t.method} = 'cash') = (${t.cashGiven} is not null and ${t.change} is not null)`),
    check("outlet_sales_change", sql`${t.change} is null or ${t.change} >= 0`),
  ],
);

/** A staff member's cash count at the end of a day at the counter: once per person and day, never changed. */
export const outletCloses = pgTable(
  "outlet_closes",
  {
    id: id(),
    cooperativeId: cooperativeId().references(() => cooperatives.id, { onDelete: "cascade" }),
    businessDate: date({ mode: "string" }).notNull(),
    /** Null only once the person's account is removed; the audit log keeps who it was. */
    staffUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    cashSales: rupiah().notNull(),
    salesCount: integer().notNull(),
    counted: rupiah().notNull(),
    difference: rupiah().notNull(),
    note: text().notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    unique("outlet_closes_staff_day_key").on(t.cooperativeId, t.staffUserId, t.businessDate),
    index("outlet_closes_day_idx").on(t.cooperativeId, t.businessDate),
    index("outlet_closes_staff_idx").on(t.staffUserId),
    check("outlet_closes_amounts", sql`${t.counted} >= 0 and ${t.cashSales} >= 0 and ${t.difference} = ${t.counted} - ${t.cashSales}`),
  ],
);

/** The cooperative's static QRIS sticker, shown at the counter when Midtrans is not set up. Only staff see it. */
export const outletSettings = pgTable(
  "outlet_settings",
  {
    cooperativeId: uuid()
      .primaryKey()
      .references(() => cooperatives.id, { onDelete: "cascade" }),
    qrisImage: bytea(),
    qrisMimeType: text(),
    updatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("outlet_settings_updated_by_idx").on(t.updatedBy)],
);
