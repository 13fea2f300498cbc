import { parseEnv } from "~/lib/env.server";
import { hasAnyCooperative, seedDemo } from "~db/seed";
import { mediaRoot, openDatabase } from "../server/database";

/** Seeds the demo cooperative into the configured database (an external one with DATABASE_URL). */
const env = parseEnv();
const database = await openDatabase(env, console.log);
try {
  if (database.seeded || (await hasAnyCooperative(database.db))) {
    console.log("The database already has a cooperative; nothing seeded.");
  } else {
    await seedDemo(database.db, { mediaRoot: mediaRoot(env) });
    console.log("Demo cooperative seeded.");
  }
} finally {
  await database.close();
}
