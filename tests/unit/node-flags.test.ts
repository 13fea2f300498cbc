import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { SHOP_NODE_FLAGS } from "../../server/node-flags";

describe("the shop's Node flags", () => {
  it("are the ones npm start runs it with", () => {
    const start = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts.start;
    expect(start).toBe(`tsx ${SHOP_NODE_FLAGS.join(" ")} scripts/start.ts`);
  });
});
