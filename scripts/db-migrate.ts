import { parseEnv } from "~/lib/env.server";
import { openDatabase } from "../server/database";

/** Migrates the configured database (or the embedded one) and exits. */
const database = await openDatabase(parseEnv(), console.log);
await database.close();
console.log("Migrations applied.");
