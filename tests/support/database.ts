import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { inject } from "vitest";
import { connect, type DatabaseConnection } from "../../db/client";

const TEMPLATE_DATABASE = "etalase_template";

export interface TestDatabase extends DatabaseConnection {
  url: string;
  mediaRoot: string;
}

/** A fresh database copied from the migrated template, and a media folder of its own. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject("postgresUrl");
  const name = `test_${randomUUID().replace(/-/g, "")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.unsafe(`create database "${name}" template "${TEMPLATE_DATABASE}"`);
        break;
      } catch (error) {
        // Copies of one template made at the same instant from parallel test files collide briefly.
        if (attempt >= 20 || !String(error).includes("being accessed by other users")) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      }
    }
  } finally {
    await admin.end();
  }
  const url = serverUrl.replace(/\/postgres$/, `/${name}`);
  const connection = connect(url);
  const mediaRoot = fs.mkdtempSync(path.join(os.tmpdir(), "etalase-media-"));
  return {
    ...connection,
    url,
    mediaRoot,
    close: async () => {
      await connection.close();
      fs.rmSync(mediaRoot, { recursive: true, force: true });
    },
  };
}
