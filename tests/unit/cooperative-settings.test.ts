import { describe, expect, it } from "vitest";
import { basisPointsToPercent, percentToBasisPoints } from "~/lib/percent";
import { bankCodeForName, settingsFormSchema } from "~/modules/tenancy/settings-form";
import { readSettingsForm } from "~/modules/tenancy/settings.server";

describe("fee percentages in basis points", () => {
  it.each([
    ["10", 1000],
    ["7,5", 750],
    ["7.25", 725],
    [" 12,5 % ", 1250],
    ["0", 0],
    ["100", 10_000],
    ["0,01", 1],
  ])("reads %j as %d", (input, expected) => {
    expect(percentToBasisPoints(input)).toBe(expected);
  });

  it.each(["", "abc", "-5", "7,555", "100,01", "1e2", "10,5,5", "0x10"])("refuses %j", (input) => {
    expect(percentToBasisPoints(input)).toBeNull();
  });

  it("shows basis points as the percentage people type, in either language", () => {
    expect(basisPointsToPercent(750)).toBe("7,5");
    expect(basisPointsToPercent(725, ".")).toBe("7.25");
    expect(basisPointsToPercent(1000)).toBe("10");
    expect(basisPointsToPercent(1)).toBe("0,01");
    for (const bp of [0, 5, 50, 99, 101, 1234, 10_000]) expect(percentToBasisPoints(basisPointsToPercent(bp))).toBe(bp);
  });
});

describe("the cooperative settings form", () => {
  const valid = {
    name: "Kopwan Binor",
    legalName: "Koperasi Wanita Pesisir Binor",
    address: "Jl. Raya Binor No. 12",
    postalCode: "67291",
    phone: "0812-3456-7890",
    email: "Pengurus@Kopwan.example",
    feeRate: "7,5",
    payoutHoldDays: "7",
    orderExpiryHours: "24",
    reviewSkipPricePct: "10",
    handoverDays: "1",
    completeAfterDays: "3",
    returnWindowDays: "7",
    bankCode: "jatim",
    bankAccountNumber: "0011 2233 44",
    bankAccountHolder: "Koperasi Wanita Pesisir Binor",
  };

  it("normalises what was typed: fee in basis points, phone +62, bank by name, unticked VAT is false", () => {
    expect(settingsFormSchema.parse(valid)).toMatchObject({
      feeRateBp: 750,
      phone: "+6281234567890",
      email: "pengurus@kopwan.example",
      bankName: "Bank Jatim",
      bankAccountNumber: "0011223344",
      vatRegistered: false,
      payoutHoldDays: 7,
    });
    expect(settingsFormSchema.parse({ ...valid, vatRegistered: "on" }).vatRegistered).toBe(true);
  });

  it("names each bad field with its own message", () => {
    const result = readSettingsForm({ ...valid, feeRate: "75", postalCode: "6729", reviewSkipPricePct: "12.5", payoutHoldDays: "-1", bankCode: "bri", bankAccountNumber: "123" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual({
      feeRate: "settings.error.feeRate",
      postalCode: "settings.error.postalCode",
      reviewSkipPricePct: "settings.error.reviewSkipPricePct",
      payoutHoldDays: "settings.error.payoutHoldDays",
      bankAccountNumber: "apply.error.bankAccountNumber",
    });
    expect(settingsFormSchema.safeParse({ ...valid, bankCode: "nope" }).error?.issues.map((issue) => issue.message)).toContain("apply.error.bankCode");
  });

  it("keeps the order days in range, whole numbers, each with its own message", () => {
    expect(readSettingsForm({ ...valid, handoverDays: "15", completeAfterDays: "-1", returnWindowDays: "7,5" })).toEqual({
      ok: false,
      errors: { handoverDays: "settings.error.handoverDays", completeAfterDays: "settings.error.completeAfterDays", returnWindowDays: "settings.error.returnWindowDays" },
    });
    expect(readSettingsForm({ ...valid, returnWindowDays: "" })).toMatchObject({ ok: false, errors: { returnWindowDays: "settings.error.returnWindowDays" } });
    expect(readSettingsForm({ ...valid, handoverDays: "0", completeAfterDays: "60", returnWindowDays: "14" })).toMatchObject({
      ok: true,
      settings: { handoverDays: 0, completeAfterDays: 60, returnWindowDays: 14 },
    });
  });

  it("checks the account number's length for the bank", () => {
    expect(readSettingsForm({ ...valid, bankCode: "bri", bankAccountNumber: "12345" })).toEqual({ ok: false, errors: { bankAccountNumber: "apply.error.bankAccountNumber" } });
    expect(readSettingsForm(valid)).toMatchObject({ ok: true, settings: { bankAccountNumber: "0011223344" } });
  });

  it("finds the bank of a stored name", () => {
    expect(bankCodeForName("Bank Jatim")).toBe("jatim");
    expect(bankCodeForName("BRI")).toBe("bri");
    expect(bankCodeForName("Bank Antah Berantah")).toBe("");
  });
});
