import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { connect } from "../db/client";
import { ensureDatabase, startEmbeddedPostgres } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { seedDemo } from "../db/seed";
import { growCatalog } from "./grow";

export interface BenchSize {
  /** Products in the demo cooperative (one cooperative), or in each cooperative (several); 0 keeps the demo as it is. */
  products: number;
  cooperatives: number;
}

export interface BenchDatabase {
  url: string;
  /** The shop's data folder (DATA_DIR): the demo's photos are in its `media`. */
  dataDir: string;
  stop: () => Promise<void>;
}

/** "demo", "1 coop x 20,000", "50 coops x 1,000". */
export function sizeLabel(size: BenchSize): string {
  const count = size.products.toLocaleString("en");
  return size.cooperatives > 1 ? `${size.cooperatives} coops x ${count}` : size.products ? `1 coop x ${count}` : "demo";
}

/**
 * A fresh embedded Postgres in a temporary folder, migrated, seeded with the demo cooperative and grown to `size`
 * (bench/grow.ts, then VACUUM ANALYZE); removed by `stop`.
 */
export async function benchDatabase(size: BenchSize, log: (line: string) => void): Promise<BenchDatabase> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "etalase-bench-"));
  const postgres = await startEmbeddedPostgres({ databaseDir: path.join(directory, "postgres"), persistent: false });
  const stop = async () => {
    await postgres.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  };
  try {
    log(`${sizeLabel(size)}: seeding and growing…`);
    await ensureDatabase(postgres, "etalase");
    await migrateDatabase(postgres.url("etalase"));
    const connection = connect(postgres.url("etalase"), { max: 4 });
    await seedDemo(connection.db, { mediaRoot: path.join(directory, "data", "media") });
    if (size.products > 0 || size.cooperatives > 1) {
      const started = performance.now();
      await growCatalog(connection.sql, { products: size.products, cooperatives: size.cooperatives, productsPerCooperative: size.products, log });
      log(`  grown in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    await connection.close();
    return { url: postgres.url("etalase"), dataDir: path.join(directory, "data"), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
