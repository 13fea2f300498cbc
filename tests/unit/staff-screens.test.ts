import { describe, expect, it } from "vitest";
import { telHref, whatsAppHref } from "~/lib/indonesia/phone-links";
import { formatDimensions, formatWeight } from "~/lib/measures";
import { phoneDigits } from "~/modules/membership/member-search.server";

describe("formatDimensions", () => {
  it("shows a parcel in centimetres as people write it, not as Postgres prints a numeric", () => {
    expect(formatDimensions("id", 180, 120, 40)).toBe("18 × 12 × 4 cm");
    expect(formatDimensions("en", 180, 120, 40)).toBe("18 × 12 × 4 cm");
    expect(formatDimensions("id", 185, 120, 45)).toBe("18,5 × 12 × 4,5 cm");
    expect(formatDimensions("en", 185, 120, 45)).toBe("18.5 × 12 × 4.5 cm");
    expect(formatDimensions("id", 1234, 5, 1)).toBe("123,4 × 0,5 × 0,1 cm");
  });

  it("says nothing when a side is missing", () => {
    expect(formatDimensions("id", null, 120, 40)).toBe("");
    expect(formatDimensions("id", 180, undefined, 40)).toBe("");
  });
});

describe("formatWeight", () => {
  it("grams below a kilogram, kilograms from one", () => {
    expect(formatWeight("id", 250)).toBe("250 g");
    expect(formatWeight("id", 1000)).toBe("1 kg");
    expect(formatWeight("id", 1250)).toBe("1,3 kg");
    expect(formatWeight("en", 1500)).toBe("1.5 kg");
    expect(formatWeight("id", null)).toBe("");
  });
});

describe("phone links", () => {
  it("turns 08… into 628… for wa.me and +628… for tel:", () => {
    expect(whatsAppHref("0812-3456-7890")).toBe("https://wa.me/6281234567890");
    expect(whatsAppHref("+62 812 3456 7890")).toBe("https://wa.me/6281234567890");
    expect(whatsAppHref("6281234567890")).toBe("https://wa.me/6281234567890");
    expect(whatsAppHref("81234567890")).toBe("https://wa.me/6281234567890");
    expect(telHref("0812 3456 7890")).toBe("tel:+6281234567890");
    expect(telHref("(0335) 771234")).toBe("tel:+62335771234");
  });

  it("carries a message, encoded, and lets WhatsApp ask whom to send it to when there is no number", () => {
    expect(whatsAppHref("081234567890", "Halo Ibu & tim? ya")).toBe("https://wa.me/6281234567890?text=Halo%20Ibu%20%26%20tim%3F%20ya");
    expect(whatsAppHref(null, "Halo")).toBe("https://wa.me/?text=Halo");
  });

  it("gives no WhatsApp link for a landline and no link at all for what is not a number", () => {
    expect(whatsAppHref("(0335) 771234")).toBeNull();
    expect(whatsAppHref("bukan nomor")).toBeNull();
    expect(telHref("bukan nomor")).toBeNull();
    expect(whatsAppHref("+1 415 555 0100")).toBeNull();
  });
});

describe("member search by phone", () => {
  it("compares digits the way phones are stored (+62…)", () => {
    expect(phoneDigits("0812-3456")).toBe("628123456");
    expect(phoneDigits("+62 812 3456")).toBe("628123456");
    expect(phoneDigits("3456")).toBe("3456");
    expect(phoneDigits("Bu Yuyun")).toBeNull();
    expect(phoneDigits("12")).toBeNull();
  });
});
