import type { ServerBuild } from "@remix-run/node";
import { parseEnv } from "~/lib/env.server";
import { createApp } from "../server/app";
import { clientBuildDirectory } from "../server/build";
import { mediaRoot, openDatabase } from "../server/database";
import { localMailboxDirectory, startEmailDelivery } from "~/flows/email-delivery.server";
import { startMaintenance } from "~/flows/maintenance.server";
import { emailDelivery } from "~/modules/notifications/outbox.server";

/** `npm run dev`: the same server and database as `npm start`, with Vite serving sources and hot updates. */
process.env.NODE_ENV = "development";
const env = parseEnv();
const database = await openDatabase(env, console.log);
const vite = await import("vite").then(({ createServer }) => createServer({ server: { middlewareMode: true } }));
const app = createApp({
  build: () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>,
  db: database.db,
  mediaRoot: mediaRoot(env),
  clientDirectory: clientBuildDirectory,
  devMiddleware: vite.middlewares,
  trustProxy: env.TRUST_PROXY,
  localMailbox: emailDelivery() === "local-mailbox" ? localMailboxDirectory(env) : undefined,
});
const dispatcher = startEmailDelivery(database.db, env, { log: console.log });
const maintenance = startMaintenance(database.db, { log: console.log });
const server = app.listen(env.PORT, env.HOST, () => console.log(`Etalase (development) at http://localhost:${env.PORT}`));
const stop = async () => {
  server.close();
  await dispatcher?.stop();
  await maintenance.stop();
  await vite.close();
  await database.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
