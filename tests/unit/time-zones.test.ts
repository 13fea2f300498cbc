import { describe, expect, it } from "vitest";
import { formatDateTime } from "~/lib/dates";
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
});
