import { describe, expect, it } from "vitest";
import { checkCuratorDecision, itemsToFix, undecidedItems } from "~/modules/catalog/listings/checklist";
import { normalizeHalalCertificate, normalizeRegistrationNumber } from "~/modules/catalog/listings/label-numbers";
import { canSkipReview, type ReviewableVersion } from "~/modules/catalog/listings/review-skip";
import { isEditable, transition, versionActions, versionStates, type VersionAction, type VersionState } from "~/modules/catalog/listings/versions";

describe("the version state machine", () => {
  const allowed: Record<string, VersionState> = {
    "draft submit": "in_review",
    "changes_requested submit": "in_review",
    "in_review approve": "approved",
    "in_review request_changes": "changes_requested",
    "in_review reject": "rejected",
    "draft archive": "archived",
    "in_review archive": "archived",
    "changes_requested archive": "archived",
    "approved archive": "archived",
    "rejected archive": "archived",
  };

  it("allows exactly the transitions of the design, and refuses every other", () => {
    for (const state of versionStates) {
      for (const action of versionActions) {
        const key = `${state} ${action}`;
        const result = transition(state, action as VersionAction);
        if (key in allowed) expect(result, key).toEqual({ ok: true, to: allowed[key] });
        else expect(result, key).toEqual({ ok: false, error: "invalid_transition", from: state, action });
      }
    }
  });

  it("lets members edit drafts and versions sent back, nothing under review or decided", () => {
    expect(versionStates.filter(isEditable)).toEqual(["draft", "changes_requested"]);
  });
});

describe("label numbers", () => {
  it("reads P-IRT numbers of exactly 15 digits, as printed on packs", () => {
    expect(normalizeRegistrationNumber("pirt", "206351301014729")).toBe("206351301014729");
    expect(normalizeRegistrationNumber("pirt", "P-IRT No. 2063513-01-014729")).toBe("206351301014729");
    expect(normalizeRegistrationNumber("pirt", "2063513010147")).toBeNull();
    expect(normalizeRegistrationNumber("pirt", "20635130101472X")).toBeNull();
  });

  it("reads BPOM MD and ML numbers and keeps them apart", () => {
    expect(normalizeRegistrationNumber("bpom_md", "BPOM RI MD 234513001234")).toBe("MD 234513001234");
    expect(normalizeRegistrationNumber("bpom_md", "md234513001234")).toBe("MD 234513001234");
    expect(normalizeRegistrationNumber("bpom_ml", "ML 123456789012")).toBe("ML 123456789012");
    expect(normalizeRegistrationNumber("bpom_md", "ML 123456789012")).toBeNull();
    expect(normalizeRegistrationNumber("bpom_md", "MD 12345")).toBeNull();
  });

  it("takes no number for non-food goods", () => {
    expect(normalizeRegistrationNumber("none", "")).toBe("");
    expect(normalizeRegistrationNumber("none", "206351301014729")).toBeNull();
  });

  it("reads halal certificate numbers: ID and 17 digits", () => {
    expect(normalizeHalalCertificate("ID35130000102310324")).toBe("ID35130000102310324");
    expect(normalizeHalalCertificate("id 3513 0000 1023 10324")).toBe("ID35130000102310324");
    expect(normalizeHalalCertificate("ID3513000010231032")).toBeNull();
    expect(normalizeHalalCertificate("00150001230819")).toBeNull();
  });
});

describe("the review-skip rule", () => {
  const live: ReviewableVersion = {
    content: { nameId: "Keripik Singkong", ingredientsId: "Singkong, garam", images: ["a", "b", "c"] },
    variants: [
      { variantId: "v1", nameId: "150 g", nameEn: "150 g", price: 17_000 },
      { variantId: "v2", nameId: "250 g", nameEn: "250 g", price: 25_000 },
    ],
  };
  const withPrices = (p1: number, p2: number): ReviewableVersion => ({
    content: { ...live.content },
    variants: [
      { ...live.variants[0]!, price: p1 },
      { ...live.variants[1]!, price: p2 },
    ],
  });

  it("lets price changes within the limit go live, up to and including the limit", () => {
    expect(canSkipReview(live, withPrices(18_700, 22_500), 10)).toBe(true);
    expect(canSkipReview(live, withPrices(17_000, 25_000), 10)).toBe(true);
  });

  it("sends larger price changes, or any other change, to the curator", () => {
    expect(canSkipReview(live, withPrices(18_701, 25_000), 10)).toBe(false);
    expect(canSkipReview(live, withPrices(17_000, 25_000), 0)).toBe(true);
    expect(canSkipReview(live, withPrices(17_001, 25_000), 0)).toBe(false);
    expect(canSkipReview(live, { ...withPrices(17_000, 25_000), content: { ...live.content, ingredientsId: "Singkong, garam, MSG" } }, 10)).toBe(false);
    expect(canSkipReview(live, { ...withPrices(17_000, 25_000), content: { ...live.content, images: ["a", "c", "b"] } }, 10)).toBe(false);
    expect(canSkipReview(live, { content: live.content, variants: live.variants.slice(0, 1) }, 10)).toBe(false);
    expect(canSkipReview(live, { content: live.content, variants: [live.variants[0]!, { ...live.variants[1]!, nameId: "300 g" }] }, 10)).toBe(false);
  });
});

describe("the product form", async () => {
  const { productFormSchema, missingForKind } = await import("~/modules/catalog/listings/product-form");
  const base = {
    categoryId: "11111111-1111-4111-8111-111111111111",
    nameId: "Keripik Talas",
    descriptionId: "Talas ungu diiris tipis dan digoreng renyah.",
    price: "20000",
    stock: "10",
    weightGrams: "150",
    lengthCm: "20",
    widthCm: "13",
    heightCm: "4",
    netQuantity: "100 g",
    ingredientsId: "Talas, minyak, garam",
    registrationType: "pirt",
    registrationNumber: "P-IRT 2063513-01-014799",
    halalCertificateNumber: "ID 35130000102310999",
    shelfLifeDays: "180",
    producerAddress: "Dusun Pesisir, Desa Binor, Kec. Paiton, Kab. Probolinggo",
  };

  it("normalises label numbers and reads whole numbers", () => {
    const parsed = productFormSchema.parse(base);
    expect(parsed).toMatchObject({ registrationNumber: "206351301014799", halalCertificateNumber: "ID35130000102310999", price: 20_000, shelfLifeDays: 180 });
    expect(missingForKind(parsed, "food")).toEqual({});
  });

  it("names each bad field with its own message", () => {
    const result = productFormSchema.safeParse({ ...base, price: "12.500,50", registrationNumber: "123", halalCertificateNumber: "MUI-123", lengthCm: "-1" });
    expect(result.success).toBe(false);
    const paths = Object.fromEntries(result.error!.issues.map((issue) => [issue.path[0], issue.message]));
    expect(paths).toMatchObject({ price: "product.error.price", lengthCm: "product.error.size" });
  });

  it("requires registration, halal and ingredients for food, material for crafts", () => {
    const bare = productFormSchema.parse({ ...base, registrationType: "none", registrationNumber: "", halalCertificateNumber: "", ingredientsId: "", producerAddress: "" });
    expect(missingForKind(bare, "food")).toEqual({
      registrationType: "product.error.registrationRequired",
      halalCertificateNumber: "product.error.halalRequired",
      ingredientsId: "product.error.ingredients",
      producerAddress: "product.error.producerAddress",
    });
    expect(missingForKind(bare, "craft")).toEqual({ materialId: "product.error.material" });
  });
});

describe("variant rows", async () => {
  const { readVariantRows } = await import("~/modules/catalog/listings/product-form");
  const { MAX_VARIANTS } = await import("~/modules/catalog/listings/listing-limits");
  const first = { price: 20_000, stock: 5 };

  it("reads a single-form product from the price and stock alone", () => {
    expect(readVariantRows({}, first)).toEqual({ rows: [{ variantId: undefined, nameId: "", nameEn: "", price: 20_000, stock: 5 }], errors: {} });
  });

  it("reads named variants with their own prices and stock, skipping empty rows and keeping existing ids", () => {
    const { rows, errors } = readVariantRows(
      { variantName_0: "100 g", variantId_0: "v1", variantName_1: "Pedas", variantNameEn_1: " Spicy ", variantPrice_1: "Rp 38.000", variantStock_1: "12", variantName_3: "", variantPrice_3: "" },
      first,
    );
    expect(errors).toEqual({});
    expect(rows).toEqual([
      { variantId: "v1", nameId: "100 g", nameEn: "", price: 20_000, stock: 5 },
      { variantId: undefined, nameId: "Pedas", nameEn: "Spicy", price: 38_000, stock: 12 },
    ]);
  });

  it(`takes up to ${MAX_VARIANTS} variants and ignores rows past that`, () => {
    const values: Record<string, string> = { variantName_0: "Rasa 1" };
    for (let n = 1; n <= MAX_VARIANTS; n++) Object.assign(values, { [`variantName_${n}`]: `Rasa ${n + 1}`, [`variantPrice_${n}`]: "15000" });
    const { rows, errors } = readVariantRows(values, first);
    expect(errors).toEqual({});
    expect(rows.map((row) => row.nameId)).toEqual(Array.from({ length: MAX_VARIANTS }, (_, n) => `Rasa ${n + 1}`));
  });

  it("asks for a name on every variant once there are several, a whole price, a whole stock and different names", () => {
    expect(readVariantRows({ variantName_1: "Pedas", variantPrice_1: "21.000,50", variantStock_1: "-3" }, first).errors).toEqual({
      variantPrice_1: "product.error.price",
      variantStock_1: "product.error.stock",
      variantName_0: "product.error.variantName",
    });
    expect(readVariantRows({ variantPrice_2: "25000" }, first).errors).toMatchObject({ variantName_2: "product.error.variantName" });
    expect(readVariantRows({ variantName_0: "Pedas", variantName_1: " pedas ", variantPrice_1: "21000" }, first).errors).toEqual({
      variantName_1: "product.error.variantDuplicate",
    });
  });
});

describe("rupiah as people type it", async () => {
  const { parseRupiah } = await import("~/lib/money");

  it.each([
    ["21000", 21_000],
    ["21.000", 21_000],
    ["Rp 21.000", 21_000],
    ["rp21.000", 21_000],
    ["1.250.000", 1_250_000],
    ["21 000", 21_000],
    ["21,000", 21_000],
  ])("reads %j as %d", (input, expected) => {
    expect(parseRupiah(input)).toBe(expected);
  });

  it.each(["", "21.000,50", "21,5", "2.10", "21.00.0", "-21000", "Rp", "dua puluh ribu", "1e5", "99999999999999999999"])("refuses %j", (input) => {
    expect(parseRupiah(input)).toBeNull();
  });
});

describe("checkCuratorDecision", () => {
  const items = ["labelLegible", "netWeight"];
  const toFix = { labelLegible: { pass: false, comment: "buram" }, netWeight: { pass: true, comment: "" } };
  const allPass = { labelLegible: { pass: true, comment: "" }, netWeight: { pass: true, comment: "" } };
  it("approves only with nothing to fix, and sends back only with a reason", () => {
    expect(checkCuratorDecision("approve", allPass, "", items)).toEqual({ ok: true });
    expect(checkCuratorDecision("approve", toFix, "bagus", items)).toEqual({ ok: false, error: "approve_with_changes" });
    expect(checkCuratorDecision("request_changes", toFix, "", items)).toEqual({ ok: true });
    expect(checkCuratorDecision("request_changes", allPass, " ", items)).toEqual({ ok: false, error: "reason_missing" });
    expect(checkCuratorDecision("reject", allPass, "Bukan produk olahan anggota", items)).toEqual({ ok: true });
    expect(checkCuratorDecision("reject", {}, "", items)).toEqual({ ok: false, error: "reason_missing" });
  });

  it("approves only when every item of the checklist was passed explicitly, naming the undecided ones", () => {
    const undecided = { labelLegible: { pass: null, comment: "" }, netWeight: { pass: true, comment: "" } };
    expect(checkCuratorDecision("approve", undecided, "", items)).toEqual({ ok: false, error: "approve_undecided", undecided: ["labelLegible"] });
    // An item left out of the post is as undecided as one left blank: a crafted form approves nothing.
    expect(checkCuratorDecision("approve", {}, "", items)).toEqual({ ok: false, error: "approve_undecided", undecided: ["labelLegible", "netWeight"] });
    expect(checkCuratorDecision("approve", { netWeight: { pass: true, comment: "" } }, "", items)).toEqual({ ok: false, error: "approve_undecided", undecided: ["labelLegible"] });
    // Items that are not on the product's checklist do not stand in for those that are.
    expect(checkCuratorDecision("approve", { other: { pass: true, comment: "" }, netWeight: { pass: true, comment: "" } }, "", items)).toMatchObject({ error: "approve_undecided" });
  });

  it("lets a curator send back at the first problem, leaving the rest undecided", () => {
    const firstProblem = { labelLegible: { pass: false, comment: "buram" }, netWeight: { pass: null, comment: "" } };
    expect(checkCuratorDecision("request_changes", firstProblem, "", items)).toEqual({ ok: true });
    expect(itemsToFix(firstProblem)).toEqual([{ item: "labelLegible", comment: "buram" }]);
    expect(undecidedItems(firstProblem, items)).toEqual(["netWeight"]);
  });
});
