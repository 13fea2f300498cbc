import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WIB, WIT, WITA } from "~/lib/indonesia/time-zones";
import { bucketOf, bucketsOf, dayOf, isDay, presets, rangeBounds } from "~/modules/reports/periods";
import { readPeriod } from "~/modules/reports/read-period";
import { addFigures, zeroFigures } from "~/modules/reports/sales.server";

describe("report periods in the cooperative's time zone", () => {
  it("puts a sale at 23:30 WITA on the last day of a month in that month, and 00:30 the next day in the next", () => {
    const lateOnTheLastDay = new Date("2026-11-30T15:30:00Z"); // 23.30 WITA
    const justAfterMidnight = new Date("2026-11-30T16:30:00Z"); // 00.30 WITA on 1 December
    expect(dayOf(lateOnTheLastDay, WITA)).toBe("2026-11-30");
    expect(bucketOf(dayOf(lateOnTheLastDay, WITA), "month")).toBe("2026-11");
    expect(bucketOf(dayOf(justAfterMidnight, WITA), "month")).toBe("2026-12");
    // The same instant is already December in Papua (WIT) and still November in Java (WIB).
    expect(dayOf(justAfterMidnight, WIT)).toBe("2026-12-01");
    expect(dayOf(justAfterMidnight, WIB)).toBe("2026-11-30");
  });

  it("covers whole days: from the first midnight to the midnight after the last, in the zone", () => {
    const { start, end } = rangeBounds({ from: "2026-11-01", to: "2026-11-30" }, WITA);
    expect(start.toISOString()).toBe("2026-10-31T16:00:00.000Z");
    expect(end.toISOString()).toBe("2026-11-30T16:00:00.000Z");
    expect(new Date("2026-11-30T15:30:00Z") < end).toBe(true);
    expect(new Date("2026-11-30T16:30:00Z") < end).toBe(false);
  });

  it("groups days by ISO week (Monday) and month, listing quiet buckets too", () => {
    expect(bucketOf("2026-12-06", "week")).toBe("2026-11-30"); // a Sunday belongs to the week that began on Monday
    expect(bucketOf("2026-11-30", "week")).toBe("2026-11-30");
    expect(bucketsOf({ from: "2026-11-28", to: "2026-12-08" }, "week")).toEqual(["2026-11-23", "2026-11-30", "2026-12-07"]);
    expect(bucketsOf({ from: "2026-01-15", to: "2026-03-01" }, "month")).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(bucketsOf({ from: "2026-02-27", to: "2026-03-01" }, "day")).toEqual(["2026-02-27", "2026-02-28", "2026-03-01"]);
  });

  it("puts every day of a range in exactly one bucket, in order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 120 }), fc.constantFrom("day", "week", "month") as fc.Arbitrary<"day" | "week" | "month">, (offset, length, grain) => {
        const from = new Date(Date.UTC(2020, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const to = new Date(Date.parse(from) + length * 86_400_000).toISOString().slice(0, 10);
        const buckets = bucketsOf({ from, to }, grain);
        expect([...buckets].sort()).toEqual(buckets);
        expect(new Set(buckets).size).toBe(buckets.length);
        for (let day = from; day <= to; day = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10)) expect(buckets).toContain(bucketOf(day, grain));
      }),
      { numRuns: 60 },
    );
  });

  it("reads the address's period with defaults, and refuses a wrong one with a message key", () => {
    const now = new Date("2026-12-02T10:00:00Z");
    expect(readPeriod(new URLSearchParams(), now, WITA)).toEqual({ ok: true, period: { from: "2026-12-01", to: "2026-12-02", grain: "day", channel: "all" } });
    expect(readPeriod(new URLSearchParams("from=2026-11-01&to=2026-11-30&grain=week&channel=outlet"), now, WITA)).toEqual({
      ok: true,
      period: { from: "2026-11-01", to: "2026-11-30", grain: "week", channel: "outlet" },
    });
    expect(readPeriod(new URLSearchParams("from=2026-02-30"), now, WITA)).toEqual({ ok: false, error: "reports.error.day" });
    expect(readPeriod(new URLSearchParams("from=2026-11-30&to=2026-11-01"), now, WITA)).toEqual({ ok: false, error: "reports.error.order" });
    expect(readPeriod(new URLSearchParams("grain=year"), now, WITA)).toEqual({ ok: false, error: "reports.error.grain" });
    expect(readPeriod(new URLSearchParams("from=2020-01-01&to=2026-01-01"), now, WITA)).toEqual({ ok: false, error: "reports.error.tooLong" });
    expect(isDay("2026-13-01")).toBe(false);
  });

  it("offers this month, last month and this year in the zone", () => {
    const choices = Object.fromEntries(presets(new Date("2026-11-30T16:30:00Z"), WITA).map((preset) => [preset.key, [preset.from, preset.to]]));
    expect(choices.thisMonth).toEqual(["2026-12-01", "2026-12-01"]);
    expect(choices.lastMonth).toEqual(["2026-11-01", "2026-11-30"]);
    expect(choices.thisYear).toEqual(["2026-01-01", "2026-12-01"]);
  });

  it("adds figures exactly, in whole rupiah", () => {
    const a = { ...zeroFigures(), omzet: 36_000, fee: 3_600, net: 3_600 };
    const b = { ...zeroFigures(), omzet: 45_000, fee: 3_375, refunds: 18_000, net: 1_575 };
    expect(addFigures(a, b)).toMatchObject({ omzet: 81_000, fee: 6_975, refunds: 18_000, net: 5_175 });
  });
});
