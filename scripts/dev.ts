import type { ServerBuild } from "@remix-run/node";
import { parseEnv } from "~/lib/env.server";
import { createApp } from "../server/app";
import { clientBuildDirectory } from "../server/build";
import { mediaRoot, openDatabase } from "../server/database";
import { localMailboxDirectory } from "~/flows/email-delivery.server";
import { startBackgroundJobs } from "~/flows/jobs.server";
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
const jobs = env.JOBS ? await startBackgroundJobs(database.db, database.url, env, { log: console.log }) : undefined;
const server = app.listen(env.PORT, env.HOST, () => console.log(`Etalase (development) at http://localhost:${env.PORT}`));
const stop = async () => {
  server.close();
  await jobs?.stop();
  await vite.close();
  await database.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
