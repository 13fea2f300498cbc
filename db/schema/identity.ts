import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { cooperativeId, createdAt, id, updatedAt } from "./columns";
import { members } from "./membership";
import { cooperatives } from "./tenancy";

/**
 * A person. Identity is platform-wide (one e-mail, one password); what a person may do in a cooperative
 * comes from the tenant tables below (staff roles, member users, customer accounts).
 */
export const users = pgTable(
  "users",
  {
    id: id(),
    /** Lower-cased. */
    email: text().notNull(),
    /** scrypt, `scrypt$N$r$p$salt$hash`; null until an invited person sets a password. */
    passwordHash: text(),
    name: text().notNull().default(""),
    phone: text(),
    locale: text().notNull().default("id"),
    /** Platform operator: creates cooperatives on a shared deployment. */
    isOperator: boolean().notNull().default(false),
    passwordChangedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);

export const staffRole = pgEnum("staff_role", ["manager", "curator", "fulfilment", "treasurer"]);

export const staffRoles = pgTable(
  "staff_roles",
  {
    cooperativeId: cooperativeId().references(() => cooperatives.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: staffRole().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.userId, t.role] }), index("staff_roles_user_idx").on(t.userId)],
);

export const memberUserRole = pgEnum("member_user_role", ["owner", "helper"]);

/** Who works for a member business: its owner and the helpers they invite. One business per person per cooperative. */
export const memberUsers = pgTable(
  "member_users",
  {
    cooperativeId: cooperativeId(),
    memberId: uuid().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: memberUserRole().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.cooperativeId, t.memberId, t.userId] }),
    uniqueIndex("member_users_one_business_key").on(t.cooperativeId, t.userId),
    index("member_users_user_idx").on(t.userId),
    foreignKey({
      name: "member_users_member_fk",
      columns: [t.cooperativeId, t.memberId],
      foreignColumns: [members.cooperativeId, members.id],
    }).onDelete("cascade"),
  ],
);

/** A shopper's account at one cooperative's shop (guests need none). */
export const customerAccounts = pgTable(
  "customer_accounts",
  {
    cooperativeId: cooperativeId().references(() => cooperatives.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.userId] }), index("customer_accounts_user_idx").on(t.userId)],
);

/** A signed-in browser. The cookie holds a random id; only its SHA-256 is stored, so a leaked table signs no one in. */
export const sessions = pgTable(
  "sessions",
  {
    idHash: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    userAgent: text().notNull().default(""),
    ipAddress: text().notNull().default(""),
    createdAt: createdAt(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const tokenPurpose = pgEnum("token_purpose", ["password_reset", "invite", "sign_up"]);

export const invitationKind = pgEnum("invitation_kind", ["staff", "member_owner", "member_helper"]);

/**
 * What a person is invited to be in a cooperative: staff with a role, or the owner or a helper of a member
 * business. Nothing is granted until the invited person accepts (signed in as that account, or by setting
 * the first password of an account that never had one), so an invitation never reaches into someone's account.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    cooperativeId: cooperativeId().references(() => cooperatives.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: invitationKind().notNull(),
    staffRole: staffRole(),
    memberId: uuid(),
    invitedByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    acceptedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("invitations_user_idx").on(t.userId),
    index("invitations_member_idx").on(t.cooperativeId, t.memberId),
    index("invitations_invited_by_idx").on(t.invitedByUserId),
    foreignKey({
      name: "invitations_member_fk",
      columns: [t.cooperativeId, t.memberId],
      foreignColumns: [members.cooperativeId, members.id],
    }).onDelete("cascade"),
    check(
      "invitations_grant_shape",
      sql`(${t.kind} = 'staff' and ${t.staffRole} is not null and ${t.memberId} is null) or (${t.kind} <> 'staff' and ${t.memberId} is not null and ${t.staffRole} is null)`,
    ),
  ],
);

/**
 * A shopper's sign-up waiting for its e-mail to be confirmed: no account exists until the link in that
 * e-mail is followed, so nobody can hold an address they do not read, and the form answers alike for
 * addresses with and without an account.
 */
export const signUpRequests = pgTable(
  "sign_up_requests",
  {
    id: id(),
    cooperativeId: uuid()
      .notNull()
      .references(() => cooperatives.id, { onDelete: "cascade" }),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    locale: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sign_up_requests_cooperative_idx").on(t.cooperativeId)],
);

/**
 * One-time links sent by e-mail (password reset, invitation, sign-up confirmation). Made when the e-mail is
 * sent, never earlier, and stored only as the SHA-256 of the token.
 */
export const oneTimeTokens = pgTable(
  "one_time_tokens",
  {
    tokenHash: text().primaryKey(),
    /** Whose password a reset sets, or who is invited; null for a sign-up (no account yet). */
    userId: uuid().references(() => users.id, { onDelete: "cascade" }),
    /** The cooperative whose shop sent it (where the link leads). */
    cooperativeId: uuid().references(() => cooperatives.id, { onDelete: "cascade" }),
    purpose: tokenPurpose().notNull(),
    invitationId: uuid().references(() => invitations.id, { onDelete: "cascade" }),
    signUpId: uuid().references(() => signUpRequests.id, { onDelete: "cascade" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("one_time_tokens_user_idx").on(t.userId, t.purpose),
    index("one_time_tokens_cooperative_idx").on(t.cooperativeId),
    index("one_time_tokens_invitation_idx").on(t.invitationId),
    index("one_time_tokens_sign_up_idx").on(t.signUpId),
    check(
      "one_time_tokens_subject",
      sql`(${t.purpose}::text = 'password_reset' and ${t.userId} is not null) or (${t.purpose}::text = 'invite' and ${t.invitationId} is not null and ${t.userId} is not null) or (${t.purpose}::text = 'sign_up' and ${t.signUpId} is not null)`,
    ),
  ],
);

/**
 * Fixed-window counters shared by every app server: sign-in failures per account and per address,
 * reset requests. A key's window restarts when it has expired.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text().primaryKey(),
  hits: integer().notNull(),
  windowStartedAt: timestamp({ withTimezone: true }).notNull(),
});

