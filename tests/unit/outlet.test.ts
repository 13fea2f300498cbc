import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WIB, WIT, WITA } from "~/lib/indonesia/time-zones";
import { businessDateOf, changeFor, receiptText, whatsAppLink } from "~/modules/outlet/counter";

describe("cash at the counter", () => {
  it("gives back what was given above the total, in whole rupiah", () => {
    expect(changeFor(36_000, 50_000)).toEqual({ ok: true, change: 14_000 });
    expect(changeFor(36_000, 36_000)).toEqual({ ok: true, change: 0 });
    expect(changeFor(36_000, 35_999)).toEqual({ ok: false, error: "not_enough_cash" });
    expect(() => changeFor(36_000, 50_000.5)).toThrow(RangeError);
  });

  it("change plus total is always what was given", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 10 ** 12 }), (total, given) => {
        const answer = changeFor(total, given);
        expect(answer).toEqual(given < total ? { ok: false, error: "not_enough_cash" } : { ok: true, change: given - total });
      }),
    );
  });
});

describe("the counter's day", () => {
  it("is the calendar day where the outlet is", () => {
    const at = new Date("2026-12-02T16:30:00Z");
    expect(businessDateOf(at, WIB)).toBe("2026-12-02");
    expect(businessDateOf(at, WITA)).toBe("2026-12-03");
    expect(businessDateOf(new Date("2026-12-02T15:30:00Z"), WIT)).toBe("2026-12-03");
  });
});

describe("a receipt sent by WhatsApp", () => {
  it("goes to wa.me with digits only and the summary, no link", () => {
    const text = receiptText({
      shopName: "Koperasi Wanita Pesisir Binor",
      orderNumber: "BNR-26-000123",
      soldAt: "2 Des 2026, 14.30 WIB",
      lines: [{ name: "Keripik Singkong & Balado", quantity: 2, lineTotal: "Rp 36.000" }],
      total: "Rp 36.000",
      paidWith: "Dibayar tunai",
    });
    const link = whatsAppLink("+6281234567890", text);
    expect(link.startsWith("https://wa.me/6281234567890?text=")).toBe(true);
    const decoded = decodeURIComponent(link.split("?text=")[1]!);
    expect(decoded).toBe(text);
    expect(decoded).toContain("2 x Keripik Singkong & Balado: Rp 36.000");
    expect(decoded).not.toMatch(/https?:/);
  });
});
