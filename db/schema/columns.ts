import { sql } from "drizzle-orm";
import { bigint, timestamp, uuid } from "drizzle-orm/pg-core";

/** Primary keys are random UUIDs: safe in URLs and forms, and distributable by cooperative (Citus). */
export const id = () => uuid().primaryKey().default(sql`gen_random_uuid()`);

/** Every tenant table leads with this column; references between tenant tables include it. */
export const cooperativeId = () => uuid().notNull();

/** Integer rupiah. Postgres bigint, read as a JS number: exact up to 9 quadrillion rupiah. */
export const rupiah = () => bigint({ mode: "number" });

export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
