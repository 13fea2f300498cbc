import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { cooperativeId, createdAt, id, rupiah, updatedAt } from "./columns";
import { users } from "./identity";
import { members } from "./membership";
import { cooperatives } from "./tenancy";

/**
 * SHU (sisa hasil usaha, decision 36): one row per cooperative and fiscal year, with the year's surplus as the
 * manager entered it. Finalised years are locked: their member shares are kept in `shu_shares` as computed then.
 */
export const shuYears = pgTable(
  "shu_years",
  {
    id: id(),
    cooperativeId: cooperativeId().references(() => cooperatives.id, { onDelete: "cascade" }),
    year: smallint().notNull(),
    surplus: rupiah().notNull().default(0),
    finalisedAt: timestamp({ withTimezone: true }),
    finalisedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("shu_years_cooperative_id_id_key").on(t.cooperativeId, t.id),
    unique("shu_years_cooperative_year_key").on(t.cooperativeId, t.year),
    index("shu_years_finalised_by_idx").on(t.finalisedBy),
    check("shu_years_year", sql`${t.year} between 2000 and 2100`),
    check("shu_years_surplus", sql`${t.surplus} >= 0`),
  ],
);

/** What an allocation line is for: the two members' pools the report shares out, or any other fund or reserve. */
export const shuLineRole = pgEnum("shu_line_role", ["jasa_usaha", "jasa_modal", "fund"]);

/** The statutes' split of the surplus, one named line each, in basis points that add up to 10 000 (checked by the module). */
export const shuLines = pgTable(
  "shu_lines",
  {
    id: id(),
    cooperativeId: cooperativeId(),
    yearId: uuid().notNull(),
    position: smallint().notNull(),
    role: shuLineRole().notNull(),
    name: text().notNull().default(""),
    basisPoints: integer().notNull(),
  },
  (t) => [
    foreignKey({ name: "shu_lines_year_fk", columns: [t.cooperativeId, t.yearId], foreignColumns: [shuYears.cooperativeId, shuYears.id] }).onDelete("cascade"),
    unique("shu_lines_position_key").on(t.cooperativeId, t.yearId, t.position),
    check("shu_lines_basis_points", sql`${t.basisPoints} between 0 and 10000`),
  ],
);

/** A member's savings (simpanan pokok + wajib) for the year, as typed or imported. */
export const shuSavings = pgTable(
  "shu_savings",
  {
    cooperativeId: cooperativeId(),
    yearId: uuid().notNull(),
    memberId: uuid().notNull(),
    pokok: rupiah().notNull(),
    wajib: rupiah().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ name: "shu_savings_pkey", columns: [t.cooperativeId, t.yearId, t.memberId] }),
    foreignKey({ name: "shu_savings_year_fk", columns: [t.cooperativeId, t.yearId], foreignColumns: [shuYears.cooperativeId, shuYears.id] }).onDelete("cascade"),
    foreignKey({ name: "shu_savings_member_fk", columns: [t.cooperativeId, t.memberId], foreignColumns: [members.cooperativeId, members.id] }),
    index("shu_savings_member_idx").on(t.cooperativeId, t.memberId),
    check("shu_savings_amounts", sql`${t.pokok} >= 0 and ${t.wajib} >= 0`),
  ],
);

/** Each member's part of a finalised year, as computed when it was finalised: what the member sees, locked. */
export const shuShares = pgTable(
  "shu_shares",
  {
    cooperativeId: cooperativeId(),
    yearId: uuid().notNull(),
    memberId: uuid().notNull(),
    sales: rupiah().notNull(),
    savings: rupiah().notNull(),
    jasaUsaha: rupiah().notNull(),
    jasaModal: rupiah().notNull(),
  },
  (t) => [
    primaryKey({ name: "shu_shares_pkey", columns: [t.cooperativeId, t.yearId, t.memberId] }),
    foreignKey({ name: "shu_shares_year_fk", columns: [t.cooperativeId, t.yearId], foreignColumns: [shuYears.cooperativeId, shuYears.id] }).onDelete("cascade"),
    foreignKey({ name: "shu_shares_member_fk", columns: [t.cooperativeId, t.memberId], foreignColumns: [members.cooperativeId, members.id] }),
    index("shu_shares_member_idx").on(t.cooperativeId, t.memberId),
  ],
);
