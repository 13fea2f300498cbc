import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/lib/env.server";
import { poolSize } from "../../server/database";

describe("connections to Postgres", () => {
  const unset = { DATABASE_POOL_SIZE: undefined };

  it("are twice this machine's cores, at least 6, for a Postgres on this machine", () => {
    expect(poolSize(unset, "postgres://etalase:pw@127.0.0.1:5433/etalase", 2)).toBe(6);
    expect(poolSize(unset, "postgres://etalase:pw@localhost/etalase", 8)).toBe(16);
    expect(poolSize(unset, "postgres://etalase:pw@[::1]:5432/etalase", 1)).toBe(6);
    expect(poolSize(unset, "postgres://etalase@/etalase?host=/var/run/postgresql", 4)).toBe(8);
  });

  it("are postgres.js's ten for a Postgres elsewhere, whose cores are unknown here", () => {
    expect(poolSize(unset, "postgres://etalase:pw@db.internal:5432/etalase", 2)).toBe(10);
    expect(poolSize(unset, "postgres://etalase:pw@10.0.0.7/etalase", 64)).toBe(10);
  });

  it("are what DATABASE_POOL_SIZE says when it is set, a whole number from 1 to 500", () => {
    expect(poolSize(parseEnv({ DATABASE_POOL_SIZE: "6" }), "postgres://x@127.0.0.1/etalase", 2)).toBe(6);
    expect(poolSize(parseEnv({ DATABASE_POOL_SIZE: " " }), "postgres://x@127.0.0.1/etalase", 2)).toBe(6);
    for (const wrong of ["0", "2.5", "many", "501"]) expect(() => parseEnv({ DATABASE_POOL_SIZE: wrong })).toThrow(EnvError);
  });
});
