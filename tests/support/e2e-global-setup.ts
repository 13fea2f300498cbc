import { ensureBuild } from "../../server/build";

/** Builds the app once, before the workers start their shops from that build (a stale one would be built by each). */
export default function globalSetup() {
  ensureBuild(console.log);
}
