import { drizzle, type PostgresJsQueryResultHKT } from "drizzle-orm/postgres-js";
import type { PgDatabase } from "drizzle-orm/pg-core";
import postgres from "postgres";
import * as schema from "./schema";

/** A database handle or a transaction: domain functions accept either, so callers decide the boundary. */
export type Db = PgDatabase<PostgresJsQueryResultHKT, typeof schema>;

export interface DatabaseConnection {
  db: Db;
  sql: postgres.Sql;
  close: () => Promise<void>;
}

export function connect(url: string, options: { max?: number } = {}): DatabaseConnection {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { application_name: "etalase" },
  });
  const db = drizzle(preparingStatements(sql), { schema, casing: "snake_case" });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

/**
 * drizzle sends its queries through postgres.js's `unsafe`, which does not prepare them, so Postgres parses and
 * plans every statement on every request: for the shop's wider joins that planning costs more than running them
 * (the checkout's buyable-variants read: 54 ms of planning a call in a rush). This hands drizzle a client whose
 * parameterised statements are prepared, as postgres.js prepares its own tagged queries: each connection keeps
 * the statement and Postgres reuses its plan (custom plans first, a generic one when that is as good). Statements
 * without parameters keep the simple protocol. Transactions and savepoints hand out the same kind of client.
 */
export function preparingStatements<T extends postgres.Sql | postgres.TransactionSql>(client: T): T {
  return new Proxy(client, {
    get(target, key, receiver) {
      if (key === "unsafe") {
        return (query: string, parameters: postgres.ParameterOrJSON<never>[] = [], queryOptions: postgres.UnsafeQueryOptions = {}) =>
          target.unsafe(query, parameters, { ...queryOptions, prepare: parameters.length > 0 });
      }
      if (key === "begin" || key === "savepoint") {
        return (...args: unknown[]) => {
          const body = args.pop() as (tx: postgres.TransactionSql) => unknown;
          const start = Reflect.get(target, key, receiver) as (...all: unknown[]) => unknown;
          return start.call(target, ...args, (tx: postgres.TransactionSql) => body(preparingStatements(tx)));
        };
      }
      return Reflect.get(target, key, receiver);
    },
  });
}
