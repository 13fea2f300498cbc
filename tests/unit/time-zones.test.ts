import { describe, expect, it } from "vitest";
import { formatDateTime, formatMonthYear, startOfDay } from "~/lib/dates";
import { timeZoneOfProvince, WIB, WIT, WITA } from "~/lib/indonesia/time-zones";

describe("Indonesian time zones", () => {
  it("knows each island group's zone by province, whatever the case", () => {
    expect(timeZoneOfProvince("Jawa Timur")).toBe(WIB);
    expect(timeZoneOfProvince("KALIMANTAN BARAT")).toBe(WIB);
    expect(timeZoneOfProvince("Bali")).toBe(WITA);
    expect(timeZoneOfProvince("Nusa Tenggara Timur")).toBe(WITA);
    expect(timeZoneOfProvince("Kalimantan Utara")).toBe(WITA);
    expect(timeZoneOfProvince("Maluku Utara")).toBe(WIT);
    expect(timeZoneOfProvince("Papua Pegunungan")).toBe(WIT);
    expect(timeZoneOfProvince("")).toBe(WIB);
  });

  it("shows a stored UTC time in the cooperative's zone, with its label", () => {
    const at = new Date("2026-12-02T04:10:00Z");
    expect(formatDateTime("id", at, WIB)).toMatch(/11[.:]10 WIB$/);
    expect(formatDateTime("id", at, WITA)).toMatch(/12[.:]10 WITA$/);
    expect(formatDateTime("en", at, WIT)).toMatch(/13:10 WIT$/);
  });

  it("puts a moment near midnight on the cooperative's day and month, not UTC's", () => {
    // 31 Dec 2026 17:30 UTC is already New Year's Day in each Indonesian zone.
    const at = new Date("2026-12-31T17:30:00Z");
    expect(formatDateTime("en", at, WIB)).toBe("1 Jan 2027, 00:30 WIB");
    expect(formatDateTime("en", at, WIT)).toBe("1 Jan 2027, 02:30 WIT");
    expect(formatMonthYear("id", at, WITA)).toBe("Januari 2027");
    expect(formatMonthYear("en", new Date("2026-12-31T16:59:00Z"), WIB)).toBe("December 2026");
  });

  it("starts a calendar day at the cooperative's midnight", () => {
    expect(startOfDay("2026-12-02", WIB).toISOString()).toBe("2026-12-01T17:00:00.000Z");
    expect(startOfDay("2026-12-02", WITA).toISOString()).toBe("2026-12-01T16:00:00.000Z");
    expect(startOfDay("2026-12-02", WIT).toISOString()).toBe("2026-12-01T15:00:00.000Z");
  });
});
