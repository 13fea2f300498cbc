import { ensureBuild } from "../../server/build";

/** Builds the app once, before the workers start their shops from that build (a stale one would be built by each). */
export default function globalSetup() {
  ensureBuild(console.log);
  // The workers inherit this: their shops serve this build even if a source file changes during the run.
  process.env.E2E_BUILT = "1";
}
