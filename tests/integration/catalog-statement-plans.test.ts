import { afterAll, beforeAll, expect, it } from "vitest";
import { connect, type DatabaseConnection } from "~db/client";
import { listCategories, searchSuggestions } from "~/modules/catalog/shop/browse.server";
import { listProducts } from "~/modules/catalog/shop/listing.server";
import { parseCatalogQuery } from "~/modules/catalog/shop/query";
import { demoContent } from "../../db/seed/demo-content";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedCooperative } from "../support/factories";

/*
 * The shop prepares its statements so that Postgres can plan each once (db/client.ts). A statement whose generic
 * plan Postgres finds dearer than planning with the values is planned anew on every call instead: the search's first
 * step was, while it read its word lists with `unnest` (decision 51). This runs the catalog's reads on one connection
 * and asks Postgres how each prepared statement was planned.
 */
let database: TestDatabase;
let oneConnection: DatabaseConnection;
let cooperativeId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  cooperativeId = await seedCooperative(database.db, database.mediaRoot, demoContent);
  oneConnection = connect(database.url, { max: 1 });
});
afterAll(async () => {
  await oneConnection.close();
  await database.close();
});

it("keeps a generic plan for every catalog statement it runs again and again", async () => {
  const { db, sql } = oneConnection;
  const list = (params: Record<string, string>) =>
    listProducts(db, cooperativeId, parseCatalogQuery(new URLSearchParams(params)), "id", { facets: true });
  for (let round = 0; round < 8; round++) {
    await list({});
    await list({ sort: "price", page: "2" });
    for (const q of ["madu", "keripk", "kripik pisang", "dodl", "probolingo", "ke"]) await list({ q });
    await searchSuggestions(db, cooperativeId, "kerip", "en");
    await searchSuggestions(db, cooperativeId, "keripk", "id");
    await listCategories(db, cooperativeId, "id");
  }
  const statements = await sql<{ statement: string; generic_plans: string; custom_plans: string }[]>`
    select statement, generic_plans, custom_plans from pg_prepared_statements`;
  const repeated = statements.filter((row) => Number(row.generic_plans) + Number(row.custom_plans) >= 8);
  expect(repeated.length).toBeGreaterThanOrEqual(5);
  const plannedEveryTime = repeated.filter((row) => Number(row.generic_plans) === 0).map((row) => row.statement.replace(/\s+/g, " ").trim().slice(0, 120));
  expect(plannedEveryTime).toEqual([]);
});
