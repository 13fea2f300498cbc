import type { Db } from "../../db/client";
import { checklistItems, type Checklist } from "~/modules/catalog/listings/checklist";
import { seedDemo } from "../../db/seed";
import type { DemoCategory, DemoContent, DemoMember, DemoProduct, DemoVariant } from "../../db/seed/types";

/**
 * Test data goes through the same write path as the demo seed, with small, explicit content.
 * Images are skipped unless a test asks for them.
 */
let sequence = 0;
const next = () => ++sequence;

export function category(overrides: Partial<DemoCategory> & Pick<DemoCategory, "slug">): DemoCategory {
  return {
    kind: "food",
    nameId: overrides.slug,
    nameEn: overrides.slug,
    descriptionId: "",
    descriptionEn: "",
    ...overrides,
  };
}

export function member(overrides: Partial<DemoMember> & Pick<DemoMember, "slug" | "businessName">): DemoMember {
  const n = next();
  return {
    memberNumber: `AGT-${String(n).padStart(4, "0")}`,
    ownerName: "Ibu Siti",
    storyId: "",
    storyEn: "",
    specialtyId: "",
    specialtyEn: "",
    village: "Binor",
    district: "Paiton",
    regency: "Kabupaten Probolinggo",
    province: "Jawa Timur",
    nib: null,
    phone: "+6281234567890",
    email: `member${n}@example.test`,
    palette: ["#0f4b50", "#c2562d"],
    ...overrides,
  };
}

export function variant(overrides: Partial<DemoVariant> = {}): DemoVariant {
  return { sku: `SKU-${next()}`, nameId: "", nameEn: "", price: 25_000, stock: 10, ...overrides };
}

export function product(
  overrides: Partial<DemoProduct> & Pick<DemoProduct, "slug" | "memberSlug" | "categorySlug" | "nameId">,
): DemoProduct {
  return {
    nameEn: "",
    descriptionId: "",
    descriptionEn: "",
    weightGrams: 250,
    lengthMm: 200,
    widthMm: 150,
    heightMm: 50,
    netQuantity: "200 g",
    ingredientsId: "",
    ingredientsEn: "",
    allergensId: "",
    allergensEn: "",
    registrationType: "pirt",
    registrationNumber: "203351301012326",
    halalCertificateNumber: "ID35110000123450324",
    shelfLifeDays: 180,
    storageId: "",
    storageEn: "",
    producerAddress: "Desa Binor, Paiton, Probolinggo",
    materialId: "",
    materialEn: "",
    sizeText: "",
    careId: "",
    careEn: "",
    variants: [variant()],
    artwork: { shape: "pouch", colors: ["#c2562d", "#f6efe4", "#0f4b50"] },
    publishedDaysAgo: 10,
    unitsSold: 0,
    ...overrides,
  };
}

export function cooperativeContent(
  slug: string,
  content: Omit<DemoContent, "cooperative"> & { hosts?: string[]; name?: string },
): DemoContent {
  return {
    cooperative: {
      slug,
      name: content.name ?? `Koperasi ${slug}`,
      legalName: `Koperasi ${slug}`,
      taglineId: "",
      taglineEn: "",
      storyId: "",
      storyEn: "",
      address: "",
      village: "",
      district: "",
      regency: "",
      province: "",
      postalCode: "",
      phone: "",
      email: "",
      bankName: "",
      bankAccountNumber: "",
      bankAccountHolder: "",
      hosts: content.hosts ?? [`${slug}.test`],
    },
    categories: content.categories,
    members: content.members,
    products: content.products,
  };
}

export async function seedCooperative(db: Db, mediaRoot: string, content: DemoContent): Promise<string> {
  return seedDemo(db, { mediaRoot, content, images: false });
}

/** The member product editor's fields for a complete packaged-food listing, as a browser posts them. */
export function productFormFields(categoryId: string): Record<string, string> {
  return {
    categoryId,
    nameId: "Kerupuk Ikan Tengiri",
    descriptionId: "Kerupuk dari ikan tengiri segar pantai Paiton.",
    price: "18000",
    weightGrams: "250",
    lengthCm: "25",
    widthCm: "15",
    heightCm: "6",
    netQuantity: "200 g",
    ingredientsId: "Ikan tengiri, tepung tapioka, garam",
    registrationType: "pirt",
    registrationNumber: "206351301014799",
    halalCertificateNumber: "ID35130000102310999",
    shelfLifeDays: "120",
    producerAddress: "Dusun Kalongan, Desa Sidodadi, Kec. Paiton, Kab. Probolinggo",
  };
}

/** A checklist with every item of either kind passed explicitly: what a curator's approval needs (items start undecided). */
export const allPassed: Checklist = Object.fromEntries(
  [...new Set<string>([...checklistItems.food, ...checklistItems.craft])].map((item) => [item, { pass: true, comment: "" }]),
);
