import { describe, expect, it } from "vitest";
import {
  membershipApplicationErrorKeys,
  membershipApplicationSchema,
  parseApplication,
  type MembershipApplicationField,
} from "~/modules/membership/application";
import { listDistricts, listProvinces, listRegencies, listVillages, resolveArea, titleCaseAreaName } from "~/lib/indonesia/areas.server";
import { findBank, indonesianBanks, isValidAccountNumber, maskAccountNumber, normalizeAccountNumber } from "~/lib/indonesia/banks";
import { en } from "~/lib/i18n/messages.en";
import { id } from "~/lib/i18n/messages.id";

const pick = (dictionary: Record<string, string>) => Object.fromEntries(Object.entries(dictionary).filter(([key]) => key.startsWith("apply.")));
const membershipMessagesId = pick(id);
const membershipMessagesEn: Record<string, string | undefined> = pick(en);
import { normalizeNib } from "~/lib/indonesia/nib";
import { formatIndonesianPhone, normalizeIndonesianPhone } from "~/lib/indonesia/phone";

/** Desa Bhinor ("Binor" as people say it), Kec. Paiton, Kab. Probolinggo, Jawa Timur: Kemendagri codes. */
const binor = { provinceCode: "35", regencyCode: "35.13", districtCode: "35.13.12", villageCode: "35.13.12.2020" };

describe("normalizeIndonesianPhone", () => {
  it.each([
    ["081234567890", "+6281234567890"],
    ["0812-3456-7890", "+6281234567890"],
    ["0812 3456 7890", "+6281234567890"],
    ["0812.3456.7890", "+6281234567890"],
    ["(0812) 3456-7890", "+6281234567890"],
    ["6281234567890", "+6281234567890"],
    ["+6281234567890", "+6281234567890"],
    ["+62 812 3456 7890", "+6281234567890"],
    ["+62-812-3456-7890", "+6281234567890"],
    ["+62 (0)812 3456 7890", "+6281234567890"],
    ["0062 812 3456 7890", "+6281234567890"],
    ["  0812 3456 7890  ", "+6281234567890"],
    ["812-3456-7890", "+6281234567890"],
    ["0812\u00a03456\u00a07890", "+6281234567890"],
    ["0812–3456–7890", "+6281234567890"],
    ["0857-1234-567", "+628571234567"],
    ["0878 1234 5678", "+6287812345678"],
    ["0896-1234-5678", "+6289612345678"],
    ["0812-345-678", "+62812345678"],
    ["0812-3456-78901", "+62812345678901"],
    ["0335 771234", "+62335771234"],
    ["(0335) 771234", "+62335771234"],
    ["+62 335 771234", "+62335771234"],
    ["021-1234-5678", "+622112345678"],
    ["(021) 5551234", "+62215551234"],
    ["0361 234567", "+62361234567"],
    ["0274-512345", "+62274512345"],
    ["0911 21234", "+6291121234"],
  ])("accepts %j", (input, expected) => {
    expect(normalizeIndonesianPhone(input)).toBe(expected);
  });

  it.each([
    [""],
    ["   "],
    ["-"],
    ["0812-3456-789O"],
    ["0812 3456 7890 ext 2"],
    ["telp 0812 3456 7890"],
    ["08123"],
    ["0812345"],
    ["081234567890123"],
    ["+6281234567890123"],
    ["+60 12 345 6789"],
    ["+1 415 555 2671"],
    ["0800 1234567"],
    ["112"],
    ["1500 888"],
    ["021 123"],
    ["0335 771234 5678 90"],
    ["++6281234567890"],
    ["0812+3456+7890"],
    ["62"],
    ["+62"],
    ["0062"],
    ["7123456"],
    ["0812/3456/7890"],
    ["0812_3456_7890"],
  ])("refuses %j", (input) => {
    expect(normalizeIndonesianPhone(input)).toBeNull();
  });

  it("gives the same number for every way of writing it", () => {
    const forms = ["081234567890", "6281234567890", "+62 812-3456-7890", "0062-812-3456-7890", "(0812) 3456.7890"];
    expect(new Set(forms.map(normalizeIndonesianPhone))).toEqual(new Set(["+6281234567890"]));
  });
});

describe("formatIndonesianPhone", () => {
  it.each([
    ["+6281234567890", "+62 812-3456-7890"],
    ["081234567890", "+62 812-3456-7890"],
    ["+62857123456", "+62 857-123-456"],
    ["+62812345678901", "+62 812-345-678-901"],
    ["+62335771234", "+62 335-771234"],
    ["+622112345678", "+62 21-1234-5678"],
    ["+62215551234", "+62 21-555-1234"],
    ["+62274512345", "+62 274-512345"],
  ])("formats %j as %j", (input, expected) => {
    expect(formatIndonesianPhone(input)).toBe(expected);
  });

  it("returns what it cannot read unchanged", () => {
    expect(formatIndonesianPhone("  bukan nomor ")).toBe("bukan nomor");
  });
});

describe("normalizeNib", () => {
  it("accepts 13 digits, with spaces stripped", () => {
    expect(normalizeNib("9120001234567")).toBe("9120001234567");
    expect(normalizeNib(" 9120 0012 3456 7 ")).toBe("9120001234567");
    expect(normalizeNib("912 000 123 456 7")).toBe("9120001234567");
  });

  it.each([[""], ["   "], ["912000123456"], ["91200012345678"], ["912000123456A"], ["9120-0012-3456-7"], ["9120.0012.3456.7"]])("refuses %j", (input) => {
    expect(normalizeNib(input)).toBeNull();
  });
});

describe("banks", () => {
  it("lists real banks with unique codes, three-digit clearing codes and sane lengths", () => {
    expect(indonesianBanks.length).toBeGreaterThanOrEqual(25);
    expect(new Set(indonesianBanks.map((bank) => bank.code)).size).toBe(indonesianBanks.length);
    expect(new Set(indonesianBanks.map((bank) => bank.clearingCode)).size).toBe(indonesianBanks.length);
    for (const bank of indonesianBanks) {
      expect(bank.code).toMatch(/^[a-z_]+$/);
      expect(bank.clearingCode).toMatch(/^[0-9]{3}$/);
      const [min, max] = bank.accountDigits;
      expect(min).toBeGreaterThanOrEqual(8);
      expect(max).toBeLessThanOrEqual(16);
      expect(min).toBeLessThanOrEqual(max);
    }
    for (const name of ["BCA", "BRI", "BNI", "Mandiri", "BSI", "BTN", "CIMB Niaga", "Permata", "Danamon", "Maybank", "OCBC", "Panin", "Mega", "Muamalat", "BJB", "Jatim", "Jateng", "DKI", "BPD Bali", "Sumut", "Nagari", "Kalbar", "Sulselbar", "NTB Syariah", "SeaBank", "Jago", "BCA Syariah"]) {
      expect(indonesianBanks.some((bank) => bank.name.includes(name)), name).toBe(true);
    }
  });

  it("knows the usual lengths of the big banks", () => {
    expect(findBank("bca")).toMatchObject({ clearingCode: "014", accountDigits: [10, 10] });
    expect(findBank("mandiri")).toMatchObject({ clearingCode: "008", accountDigits: [13, 13] });
    expect(findBank("bri")).toMatchObject({ clearingCode: "002", accountDigits: [15, 15] });
    expect(findBank("bni")).toMatchObject({ clearingCode: "009", accountDigits: [10, 10] });
    expect(findBank("bsi")).toMatchObject({ clearingCode: "451", accountDigits: [10, 10] });
  });

  it("finds banks by exact code only", () => {
    expect(findBank("bca")?.name).toContain("BCA");
    expect(findBank("BCA")).toBeUndefined();
    expect(findBank("014")).toBeUndefined();
    expect(findBank("")).toBeUndefined();
    expect(findBank("constructor")).toBeUndefined();
  });

  it("cannot be changed at run time", () => {
    expect(Object.isFrozen(indonesianBanks)).toBe(true);
    expect(Object.isFrozen(indonesianBanks[0])).toBe(true);
  });

  it("normalises account numbers to digits", () => {
    expect(normalizeAccountNumber("123-456-7890")).toBe("1234567890");
    expect(normalizeAccountNumber(" 1234 5678 90 ")).toBe("1234567890");
    expect(normalizeAccountNumber("1234.567.890")).toBe("1234567890");
    expect(normalizeAccountNumber("12345a7890")).toBe("");
    expect(normalizeAccountNumber("rek 1234567890")).toBe("");
    expect(normalizeAccountNumber("")).toBe("");
  });

  it("checks the length for the bank", () => {
    expect(isValidAccountNumber("bca", "1234567890")).toBe(true);
    expect(isValidAccountNumber("bca", "123456789")).toBe(false);
    expect(isValidAccountNumber("bca", "12345678901")).toBe(false);
    expect(isValidAccountNumber("mandiri", "1234567890123")).toBe(true);
    expect(isValidAccountNumber("mandiri", "1234567890")).toBe(false);
    expect(isValidAccountNumber("bri", "123401000123456")).toBe(true);
    expect(isValidAccountNumber("bri", "1234567890")).toBe(false);
    expect(isValidAccountNumber("bni", "0123456789")).toBe(true);
    expect(isValidAccountNumber("bsi", "7123456789")).toBe(true);
    expect(isValidAccountNumber("danamon", "003612345678")).toBe(true);
    expect(isValidAccountNumber("danamon", "3612345678")).toBe(true);
    expect(isValidAccountNumber("bca", "123-456-7890")).toBe(false);
    expect(isValidAccountNumber("bca", "")).toBe(false);
    expect(isValidAccountNumber("unknown", "1234567890")).toBe(false);
  });

  it("accepts every length inside each bank's range and none outside", () => {
    for (const bank of indonesianBanks) {
      const [min, max] = bank.accountDigits;
      expect(isValidAccountNumber(bank.code, "1".repeat(min)), bank.code).toBe(true);
      expect(isValidAccountNumber(bank.code, "1".repeat(max)), bank.code).toBe(true);
      expect(isValidAccountNumber(bank.code, "1".repeat(min - 1)), bank.code).toBe(false);
      expect(isValidAccountNumber(bank.code, "1".repeat(max + 1)), bank.code).toBe(false);
    }
  });

  it("masks all but the last four digits", () => {
    expect(maskAccountNumber("1234567890")).toBe("••••••7890");
    expect(maskAccountNumber("1234567890123")).toBe("•••••••••0123");
    expect(maskAccountNumber("123-456-7890")).toBe("••••••7890");
    expect(maskAccountNumber("12345")).toBe("•2345");
    expect(maskAccountNumber("1234")).toBe("••••");
    expect(maskAccountNumber("")).toBe("");
  });
});

describe("areas", () => {
  it("lists the 38 provinces in title case, sorted, keeping DKI upper-case", async () => {
    const provinces = await listProvinces();
    expect(provinces).toHaveLength(38);
    expect(provinces).toContainEqual({ code: "35", name: "Jawa Timur" });
    expect(provinces).toContainEqual({ code: "31", name: "DKI Jakarta" });
    expect(provinces).toContainEqual({ code: "34", name: "Daerah Istimewa Yogyakarta" });
    const names = provinces.map((p) => p.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "id", { sensitivity: "base" })));
    expect(names[0]).toBe("Aceh");
  });

  it("title-cases regency names", async () => {
    const regencies = await listRegencies("35");
    expect(regencies).toContainEqual({ code: "35.13", name: "Kabupaten Probolinggo" });
    expect(regencies).toContainEqual({ code: "35.74", name: "Kota Probolinggo" });
    expect(regencies.every((r) => /^(Kabupaten|Kota) /.test(r.name))).toBe(true);
    expect(await listRegencies("31")).toContainEqual({ code: "31.71", name: "Kota Administrasi Jakarta Pusat" });
    expect(await listRegencies("73")).toContainEqual({ code: "73.10", name: "Kabupaten Pangkajene dan Kepulauan" });
    expect(titleCaseAreaName("DI YOGYAKARTA")).toBe("DI Yogyakarta");
    expect(titleCaseAreaName("KOTA BAU-BAU")).toBe("Kota Bau-Bau");
  });

  it("walks Jawa Timur → Kabupaten Probolinggo → Paiton → Bhinor (Binor)", async () => {
    expect(await listDistricts("35.13")).toContainEqual({ code: "35.13.12", name: "Paiton" });
    const villages = await listVillages("35.13.12");
    expect(villages).toHaveLength(20);
    expect(villages).toContainEqual({ code: "35.13.12.2020", name: "Bhinor" });
    expect(villages).toContainEqual({ code: "35.13.12.2015", name: "Paiton" });
    const names = villages.map((v) => v.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "id", { sensitivity: "base" })));
  });

  it("writes an apostrophe where the data has a double quote", async () => {
    expect(await listVillages("35.13.15")).toContainEqual({ code: "35.13.15.2017", name: "Soka'an" });
  });

  it("answers [] for unknown parents and does not share its cache with callers", async () => {
    expect(await listRegencies("99")).toEqual([]);
    expect(await listDistricts("35.99")).toEqual([]);
    expect(await listVillages("35.13.99")).toEqual([]);
    expect(await listVillages("")).toEqual([]);
    const first = await listProvinces();
    first.length = 0;
    expect(await listProvinces()).toHaveLength(38);
  });

  it("resolves nested codes to names", async () => {
    expect(await resolveArea(binor)).toEqual({ province: "Jawa Timur", regency: "Kabupaten Probolinggo", district: "Paiton", village: "Bhinor" });
    expect(await resolveArea({ provinceCode: "31", regencyCode: "31.71", districtCode: "31.71.01", villageCode: "31.71.01.1001" })).toMatchObject({
      province: "DKI Jakarta",
      regency: "Kota Administrasi Jakarta Pusat",
    });
  });

  it.each([
    ["an unknown province", { ...binor, provinceCode: "99" }],
    ["a regency of another province", { ...binor, provinceCode: "33" }],
    ["a district of another regency (Kota Probolinggo)", { ...binor, regencyCode: "35.74" }],
    ["a village of another district", { ...binor, districtCode: "35.13.11" }],
    ["a village of Jawa Tengah (Binorong)", { ...binor, villageCode: "33.04.05.2012" }],
    ["an unknown village", { ...binor, villageCode: "35.13.12.2099" }],
    ["an empty code", { ...binor, villageCode: "" }],
    ["a code with spaces", { ...binor, regencyCode: " 35.13" }],
  ])("refuses %s", async (_label, codes) => {
    expect(await resolveArea(codes)).toBeNull();
  });
});

const valid: Record<string, string> = {
  businessName: "  Kopwan Pantai Binor  ",
  ownerName: "Siti Aminah",
  phone: "0812-3456-7890",
  email: " Siti.Aminah@Example.COM ",
  ...binor,
  street: "Jl. Raya Pantai Binor No. 12, RT 02/RW 01",
  postalCode: "67291",
  nib: "9120 0012 3456 7",
  products: "Keripik ikan, terasi dan petis udang kemasan, oleh-oleh khas Pantai Binor.",
  bankCode: "bri",
  bankAccountNumber: "1234-01-000123-45-6",
  bankAccountHolder: "Siti Aminah",
  agree: "on",
};

function errorsFor(overrides: Record<string, string | undefined>) {
  const input = { ...valid, ...overrides };
  for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
  const result = parseApplication(input as Record<string, string>);
  if (result.ok) throw new Error("expected errors");
  return result.fieldErrors;
}

describe("membership application", () => {
  it("parses and normalises a good application", () => {
    const result = parseApplication(valid);
    expect(result).toEqual({
      ok: true,
      value: {
        businessName: "Kopwan Pantai Binor",
        ownerName: "Siti Aminah",
        phone: "+6281234567890",
        email: "siti.aminah@example.com",
        ...binor,
        street: "Jl. Raya Pantai Binor No. 12, RT 02/RW 01",
        postalCode: "67291",
        nib: "9120001234567",
        products: "Keripik ikan, terasi dan petis udang kemasan, oleh-oleh khas Pantai Binor.",
        payout: { kind: "bank", code: "bri", number: "123401000123456", holder: "Siti Aminah" },
        agree: "on",
      },
    });
  });

  it("reads FormData, ignoring files and unknown fields", () => {
    const form = new FormData();
    for (const [key, value] of Object.entries(valid)) form.append(key, value);
    form.append("photo", new Blob(["x"]), "photo.jpg");
    form.append("extra", "ignored");
    const result = parseApplication(form);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).not.toHaveProperty("extra");
  });

  it("treats an empty or missing NIB as none", () => {
    for (const nib of ["", "   ", undefined]) {
      const input: Record<string, string> = { ...valid };
      if (nib === undefined) delete input.nib;
      else input.nib = nib;
      const result = parseApplication(input);
      expect(result.ok && result.value.nib).toBeNull();
    }
  });

  it.each<[MembershipApplicationField, string | undefined, string]>([
    ["businessName", "A", "apply.error.businessName"],
    ["businessName", "   ", "apply.error.businessName"],
    ["businessName", "x".repeat(101), "apply.error.businessName"],
    ["businessName", undefined, "apply.error.businessName"],
    ["ownerName", "S", "apply.error.ownerName"],
    ["ownerName", "x".repeat(101), "apply.error.ownerName"],
    ["phone", "0812", "apply.error.phone"],
    ["phone", "nomor saya 0812", "apply.error.phone"],
    ["phone", "", "apply.error.phone"],
    ["phone", undefined, "apply.error.phone"],
    ["email", "siti@", "apply.error.email"],
    ["email", "siti aminah@example.com", "apply.error.email"],
    ["email", `${"a".repeat(190)}@example.com`, "apply.error.email"],
    ["email", "", "apply.error.email"],
    ["provinceCode", "", "apply.error.provinceCode"],
    ["provinceCode", undefined, "apply.error.provinceCode"],
    ["regencyCode", "", "apply.error.regencyCode"],
    ["districtCode", "  ", "apply.error.districtCode"],
    ["villageCode", "", "apply.error.villageCode"],
    ["villageCode", "<script>", "apply.error.villageCode"],
    ["street", "Jl.", "apply.error.street"],
    ["street", "x".repeat(201), "apply.error.street"],
    ["postalCode", "6729", "apply.error.postalCode"],
    ["postalCode", "672911", "apply.error.postalCode"],
    ["postalCode", "67a91", "apply.error.postalCode"],
    ["postalCode", "", "apply.error.postalCode"],
    ["nib", "12345", "apply.error.nib"],
    ["nib", "9120-0012-3456-7", "apply.error.nib"],
    ["products", "keripik", "apply.error.products"],
    ["products", "x".repeat(1001), "apply.error.products"],
    ["bankCode", "bank-saya", "apply.error.bankCode"],
    ["bankAccountNumber", "1234567890", "apply.error.bankAccountNumber"],
    ["bankAccountNumber", "12340100012345x", "apply.error.bankAccountNumber"],
    ["bankAccountHolder", "S", "apply.error.bankAccountHolder"],
    ["agree", undefined, "apply.error.agree"],
    ["agree", "", "apply.error.agree"],
    ["agree", "off", "apply.error.agree"],
  ])("%s = %j → %s", (field, value, key) => {
    const errors = errorsFor({ [field]: value });
    expect(errors).toEqual({ [field]: key });
  });

  it("takes the payout account as optional: none at all is fine, a half-filled one is not", () => {
    const none = parseApplication({ ...valid, bankCode: "", bankAccountNumber: "", bankAccountHolder: "" });
    expect(none.ok && none.value.payout).toBeNull();
    const missing: Record<string, string> = { ...valid };
    delete missing.bankCode;
    delete missing.bankAccountNumber;
    delete missing.bankAccountHolder;
    expect(parseApplication(missing).ok).toBe(true);
    expect(errorsFor({ bankCode: "" })).toEqual({ bankCode: "apply.error.bankCode" });
    expect(errorsFor({ bankAccountNumber: "" })).toEqual({ bankAccountNumber: "apply.error.bankAccountNumber" });
    expect(errorsFor({ bankAccountHolder: undefined })).toEqual({ bankAccountHolder: "apply.error.bankAccountHolder" });
  });

  it.each([
    ["gopay", "0812-3456-7890", "+6281234567890"],
    ["ovo", "+62 812 3456 7890", "+6281234567890"],
    ["dana", "6281234567890", "+6281234567890"],
    ["shopeepay", "081234567890", "+6281234567890"],
  ])("accepts the e-wallet %s with a mobile number %s", (code, typed, stored) => {
    const result = parseApplication({ ...valid, bankCode: code, bankAccountNumber: typed });
    expect(result.ok && result.value.payout).toEqual({ kind: "ewallet", code, number: stored, holder: "Siti Aminah" });
  });

  it.each([["gopay", "021-1234-5678"], ["ovo", "1234"], ["dana", "123401000123456"], ["shopeepay", "nomor saya"]])(
    "refuses the e-wallet %s with %s (not an Indonesian mobile number)",
    (code, typed) => {
      expect(errorsFor({ bankCode: code, bankAccountNumber: typed })).toEqual({ bankAccountNumber: "apply.error.ewalletNumber" });
    },
  );

  it("checks the account number against the chosen bank", () => {
    expect(parseApplication({ ...valid, bankCode: "bca", bankAccountNumber: "123 456 7890" }).ok).toBe(true);
    expect(errorsFor({ bankCode: "bca" })).toEqual({ bankAccountNumber: "apply.error.bankAccountNumber" });
    expect(errorsFor({ bankCode: "nope" })).toEqual({ bankCode: "apply.error.bankCode" });
  });

  it("reports every field error at once, the bank length included, and gives back what was typed", () => {
    const typed = { ...valid, businessName: "", phone: "12", bankCode: "mandiri", bankAccountNumber: "12345", agree: "" };
    const result = parseApplication(typed);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors).toEqual({
      businessName: "apply.error.businessName",
      phone: "apply.error.phone",
      bankAccountNumber: "apply.error.bankAccountNumber",
      agree: "apply.error.agree",
    });
    expect(result.values).toEqual(typed);
  });

  it("gives back only the text of FormData, first value of each name", () => {
    const form = new FormData();
    form.append("businessName", "Kopwan");
    form.append("businessName", "second");
    form.append("photo", new Blob(["x"]), "photo.jpg");
    const result = parseApplication(form);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.values).toEqual({ businessName: "Kopwan" });
  });

  it("reports an empty form with one key per field", () => {
    const result = parseApplication({});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(
      ["businessName", "ownerName", "phone", "email", "provinceCode", "regencyCode", "districtCode", "villageCode", "street", "postalCode", "products", "agree"].sort(),
    );
  });

  it("only ever emits the declared error keys", () => {
    const inputs: Record<string, unknown>[] = [{}, { ...valid, agree: "" }, Object.fromEntries(Object.keys(valid).map((key) => [key, 42]))];
    for (const input of inputs) {
      const result = membershipApplicationSchema.safeParse(input);
      expect(result.success).toBe(false);
      for (const issue of result.error?.issues ?? []) expect(membershipApplicationErrorKeys).toContain(issue.message);
    }
  });
});

describe("membership messages", () => {
  it("have the same keys in Indonesian and English, all under apply.", () => {
    expect(Object.keys(membershipMessagesEn).sort()).toEqual(Object.keys(membershipMessagesId).sort());
    for (const key of Object.keys(membershipMessagesId)) expect(key).toMatch(/^apply\./);
  });

  it("have no empty texts and the same placeholders in both languages", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const [key, id] of Object.entries(membershipMessagesId)) {
      const en = membershipMessagesEn[key] ?? "";
      expect(id.trim(), key).not.toBe("");
      expect(en.trim(), key).not.toBe("");
      expect(placeholders(en), key).toEqual(placeholders(id));
    }
  });

  it("contain every error key the schema can emit, and those the form pages use", () => {
    const keys = [
      ...membershipApplicationErrorKeys,
      "apply.error.area",
      "apply.error.tooMany",
      "apply.title",
      "apply.intro",
      "apply.submit",
      "apply.success",
      "apply.hint.nib",
      ...["province", "regency", "district", "village"].flatMap((level) => [`apply.field.${level}`, `apply.placeholder.${level}`]),
      "apply.placeholder.bank",
      ...["submitted", "approved", "rejected"].map((status) => `apply.queue.status.${status}`),
      "apply.queue.title",
      "apply.queue.empty",
      "apply.queue.approve",
      "apply.queue.reject",
      "apply.queue.reason",
      "apply.queue.waiting",
    ];
    for (const key of keys) {
      expect(membershipMessagesId, key).toHaveProperty([key]);
      expect(membershipMessagesEn, key).toHaveProperty([key]);
    }
    expect(membershipMessagesId["apply.hint.nib"]).toBe("13 digit dari OSS, boleh dikosongkan");
    expect(membershipMessagesId["apply.success"]).toMatch(/^Terima kasih! Pengajuan Anda kami terima/);
    expect(membershipMessagesId["apply.intro"]).toContain("27 Tahun 2022");
  });
});
