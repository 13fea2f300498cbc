import os from "node:os";
import path from "node:path";
import { demoContent } from "../../db/seed/demo-content";
import { warmSeedImages } from "../../db/seed/images";
import { ensureBuild } from "../../server/build";

/**
 * Builds the app once, before the workers start their shops from that build (a stale one would be built by each),
 * and draws the demo's pictures once into a folder every worker's seed reads (decision 41).
 */
export default async function globalSetup() {
  ensureBuild(console.log);
  // The workers inherit this: their shops serve this build even if a source file changes during the run.
  process.env.E2E_BUILT = "1";
  // Kept between runs on this machine: named by what is drawn, so a changed picture is drawn anew.
  const imageCache = path.join(os.tmpdir(), "etalase-e2e-seed-images");
  await warmSeedImages(demoContent, imageCache);
  process.env.E2E_SEED_IMAGE_CACHE = imageCache;
}
