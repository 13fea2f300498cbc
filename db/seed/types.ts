/** The shape of demo content. Pure data: db/seed/index.ts writes it through the domain modules. */

export interface DemoCooperative {
  slug: string;
  /** Starts its order numbers; derived from the slug when left out. */
  orderPrefix?: string;
  name: string;
  legalName: string;
  taglineId: string;
  taglineEn: string;
  storyId: string;
  storyEn: string;
  address: string;
  village: string;
  district: string;
  regency: string;
  province: string;
  postalCode: string;
  phone: string; // E.164, +62...
  email: string;
  bankName: string;
  bankAccountNumber: string;
  bankAccountHolder: string;
  hosts: string[];
}

export interface DemoCategory {
  slug: string;
  kind: "food" | "craft";
  nameId: string;
  nameEn: string;
  descriptionId: string;
  descriptionEn: string;
}

export interface DemoMember {
  slug: string;
  memberNumber: string; // AGT-0001
  businessName: string;
  ownerName: string;
  storyId: string;
  storyEn: string;
  specialtyId: string;
  specialtyEn: string;
  village: string;
  district: string;
  regency: string;
  province: string;
  nib: string | null; // 13 digits
  phone: string; // E.164
  email: string;
  /** Two hex colours used to paint the member's portrait card and their product artwork. */
  palette: [string, string];
}

export interface DemoVariant {
  sku: string;
  nameId: string; // "" for a product sold in one form
  nameEn: string;
  price: number; // integer rupiah
  stock: number;
}

export type ArtworkShape = "pouch" | "jar" | "box" | "bottle" | "bag" | "cloth" | "basket" | "shell" | "bar";

export interface DemoProduct {
  slug: string;
  memberSlug: string;
  categorySlug: string;
  nameId: string;
  nameEn: string;
  descriptionId: string;
  descriptionEn: string;
  weightGrams: number;
  lengthMm: number;
  widthMm: number;
  heightMm: number;
  // food label facts ("" / null for crafts)
  netQuantity: string;
  ingredientsId: string;
  ingredientsEn: string;
  allergensId: string;
  allergensEn: string;
  registrationType: "pirt" | "bpom_md" | "bpom_ml" | "none";
  registrationNumber: string | null;
  halalCertificateNumber: string | null;
  shelfLifeDays: number | null;
  storageId: string;
  storageEn: string;
  producerAddress: string;
  // craft facts ("" for food)
  materialId: string;
  materialEn: string;
  sizeText: string;
  careId: string;
  careEn: string;
  variants: DemoVariant[];
  /** Drives the generated images. */
  artwork: { shape: ArtworkShape; colors: [string, string, string]; motif?: string };
  /** Days ago it was published: spreads the "newest" sort. */
  publishedDaysAgo: number;
  /** Units sold so far: spreads the "popular" sort. */
  unitsSold: number;
}

/** One row of the cooperative's courier rate table (a province, or one regency in it). */
export interface DemoShippingRate {
  provinceCode: string;
  regencyCode: string | null;
  firstKg: number; // integer rupiah
  nextKg: number;
  etaDaysMin: number;
  etaDaysMax: number;
}

/** How the cooperative delivers: pickup, a flat fee to hotels in town, courier rates. */
export interface DemoDelivery {
  pickupEnabled: boolean;
  localDeliveryFee: number | null;
  localDeliveryArea: string;
  rates: DemoShippingRate[];
}

export interface DemoContent {
  cooperative: DemoCooperative;
  categories: DemoCategory[];
  members: DemoMember[];
  products: DemoProduct[];
  /** Left out (test fixtures): the schema's defaults, and no courier rates. */
  delivery?: DemoDelivery;
}
