import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client";
import { auditLog, users } from "~db/schema";
import { escapeLike } from "~/lib/sql-like";

export interface AuditEntry {
  cooperativeId: string | null;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  ipAddress?: string;
}

/** Appends one record; call it in the same transaction as the change it describes. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    cooperativeId: entry.cooperativeId,
    actorUserId: entry.actorUserId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ipAddress: entry.ipAddress ?? "",
  });
}

export interface AuditFilter {
  action?: string;
  entityType?: string;
  actorEmail?: string;
  from?: Date;
  to?: Date;
  page: number;
}

const PAGE_SIZE = 50;

export async function listAudit(db: Db, cooperativeId: string, filter: AuditFilter) {
  const conditions: SQL[] = [eq(auditLog.cooperativeId, cooperativeId)];
  if (filter.action) conditions.push(sql`${auditLog.action} like ${`${escapeLike(filter.action)}%`}`);
  if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.actorEmail) conditions.push(eq(users.email, filter.actorEmail.toLowerCase()));
  if (filter.from) conditions.push(gte(auditLog.createdAt, filter.from));
  if (filter.to) conditions.push(lt(auditLog.createdAt, filter.to));
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      ipAddress: auditLog.ipAddress,
      createdAt: auditLog.createdAt,
      actorEmail: users.email,
      actorName: users.name,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(PAGE_SIZE)
    .offset((filter.page - 1) * PAGE_SIZE);
  const total = rows[0]?.total ?? 0;
  return {
    items: rows.map(({ total: _total, ...row }) => row),
    total,
    page: filter.page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

/** The distinct actions recorded in a cooperative, for the filter's choices. */
export async function auditActions(db: Db, cooperativeId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.cooperativeId, cooperativeId))
    .orderBy(auditLog.action);
  return rows.map((row) => row.action);
}
