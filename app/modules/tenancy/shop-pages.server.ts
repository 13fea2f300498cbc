import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~db/client";
import { shopPages } from "~db/schema";
import { localized, type Locale } from "~/lib/i18n/core";
import { recordAudit } from "~/modules/audit/audit.server";
import { shopPageKinds, type ShopPageKind } from "./shop-pages";

export { shopPageKinds, shopPagePaths, type ShopPageKind } from "./shop-pages";

/*
 * The shop's own pages (decision 30): about, the returns and refunds policy (UU 8/1999 asks shops to state one) and
 * pickup at the outlet with its hours and a map link. Managers write them in Indonesian and English as plain text,
 * a blank line between paragraphs; they are shown as text (React escapes it), never as HTML, so nothing typed can
 * run in a shopper's browser. A page not written yet shows the shop's default text, never an empty page.
 */

export const MAX_SHOP_PAGE_CHARS = 6000;

/** An https address with a host (a map link from Google Maps, OpenStreetMap…); anything else is refused. */
export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.includes(".") && !url.username && !url.password;
  } catch {
    return false;
  }
}

const body = z
  .string()
  .default("")
  .transform((text) => text.replace(/\r\n?/g, "\n").trim())
  .refine((text) => text.length <= MAX_SHOP_PAGE_CHARS, "shopPage.error.tooLong");

export const shopPageSchema = z.object({
  kind: z.enum(shopPageKinds, { error: "form.error.invalid" }),
  bodyId: body,
  bodyEn: body,
  mapUrl: z
    .string()
    .trim()
    .max(500, "shopPage.error.mapUrl")
    .refine((value) => value === "" || isHttpsUrl(value), "shopPage.error.mapUrl")
    .default(""),
});

export type ShopPageInput = z.output<typeof shopPageSchema>;

/** What the pages' default texts may say about the shop. */
export interface ShopFacts {
  legalName: string;
  storyId: string;
  storyEn: string;
  address: string;
  phone: string;
  email: string;
}

/** Paragraphs from plain text: a blank line between them; single line breaks kept inside one. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

function defaultText(kind: ShopPageKind, locale: Locale, shop: ShopFacts): string[] {
  const contact = [shop.phone, shop.email].filter(Boolean).join(" · ");
  if (kind === "about") {
    const story = paragraphsOf(localized(locale, shop.storyId, shop.storyEn));
    if (story.length > 0) return story;
    return locale === "en"
      ? [`${shop.legalName} is a cooperative whose members make the products in this shop. Every purchase pays the producer who made it.`]
      : [`${shop.legalName} adalah koperasi yang anggotanya membuat produk di toko ini. Setiap pembelian dibayarkan kepada produsen yang membuatnya.`];
  }
  if (kind === "pickup") {
    return locale === "en"
      ? [
          `You can collect your order at the cooperative's outlet${shop.address ? `: ${shop.address}` : ""}. We e-mail you when it is ready.`,
          `Please bring your order number. Opening hours: ask us${contact ? ` (${contact})` : ""}.`,
        ]
      : [
          `Pesanan dapat diambil di outlet koperasi${shop.address ? `: ${shop.address}` : ""}. Kami kabari lewat e-mail saat pesanan siap diambil.`,
          `Bawa nomor pesanan Anda. Jam buka: tanyakan kepada kami${contact ? ` (${contact})` : ""}.`,
        ];
  }
  return locale === "en"
    ? [
        `${shop.legalName} sells the products in this shop on behalf of its member producers and is the seller of your order.`,
        "Prices are in rupiah and include the cooperative's fee and any tax. Shipping is shown before you pay.",
        "Unpaid orders are cancelled when the time to pay has passed, and the goods go back on sale.",
        "If an item arrives damaged, wrong or spoiled, tell us within 3 days of receiving it, with a photo. We replace it or refund it, including shipping. Food that has been opened cannot be returned unless it was faulty.",
        "Refunds go back the way you paid (or to your bank account for transfers and virtual accounts) within 7 working days of our decision.",
        "We use your name, e-mail, phone and address only to deliver your order and to tell you about it (UU 27/2022). You may ask to see or delete them.",
      ]
    : [
        `${shop.legalName} menjual produk di toko ini atas nama para produsen anggotanya dan menjadi penjual pesanan Anda.`,
        "Harga dalam rupiah, sudah termasuk biaya koperasi dan pajak yang berlaku. Ongkos kirim ditampilkan sebelum Anda membayar.",
        "Pesanan yang belum dibayar dibatalkan setelah batas waktu bayar, dan barangnya dijual kembali.",
        "Jika barang tiba rusak, salah, atau basi, beri tahu kami paling lambat 3 hari setelah diterima, dengan foto. Kami ganti atau kembalikan dananya, termasuk ongkos kirim. Makanan yang sudah dibuka tidak dapat dikembalikan kecuali memang cacat.",
        "Dana dikembalikan lewat cara bayar Anda (atau ke rekening Anda untuk transfer dan virtual account) paling lambat 7 hari kerja setelah keputusan kami.",
        "Nama, e-mail, nomor HP, dan alamat Anda hanya kami pakai untuk mengirim dan mengabarkan pesanan (UU 27/2022). Anda boleh meminta melihat atau menghapusnya.",
      ];
}

export interface ShownShopPage {
  kind: ShopPageKind;
  paragraphs: string[];
  /** The pickup page's map link, when written. */
  mapUrl: string;
  /** The manager wrote it (else the default text shows). */
  written: boolean;
}

/** A page as a shopper reads it, in their language (Indonesian when the English is not written). */
export async function getShopPage(db: Db, cooperativeId: string, kind: ShopPageKind, locale: Locale, shop: ShopFacts): Promise<ShownShopPage> {
  const [row] = await db
    .select()
    .from(shopPages)
    .where(and(eq(shopPages.cooperativeId, cooperativeId), eq(shopPages.kind, kind)));
  const written = paragraphsOf(localized(locale, row?.bodyId ?? "", row?.bodyEn));
  return {
    kind,
    paragraphs: written.length > 0 ? written : defaultText(kind, locale, shop),
    mapUrl: row?.mapUrl ?? "",
    written: written.length > 0,
  };
}

/** The three pages as stored, for the managers' editor (empty when not written). */
export async function getShopPagesForEdit(db: Db, cooperativeId: string): Promise<Record<ShopPageKind, { bodyId: string; bodyEn: string; mapUrl: string }>> {
  const rows = await db.select().from(shopPages).where(eq(shopPages.cooperativeId, cooperativeId));
  const empty = { bodyId: "", bodyEn: "", mapUrl: "" };
  const of = (kind: ShopPageKind) => {
    const row = rows.find((r) => r.kind === kind);
    return row ? { bodyId: row.bodyId, bodyEn: row.bodyEn, mapUrl: row.mapUrl } : empty;
  };
  return { about: of("about"), returns: of("returns"), pickup: of("pickup") };
}

/** Saves a page as written; unchanged text writes nothing. Audited, with the text before and after. */
export async function saveShopPage(
  db: Db,
  act: { cooperativeId: string; actorUserId: string; ipAddress?: string },
  input: ShopPageInput,
): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(shopPages)
      .where(and(eq(shopPages.cooperativeId, act.cooperativeId), eq(shopPages.kind, input.kind)))
      .for("update");
    const mapUrl = input.kind === "pickup" ? input.mapUrl : "";
    const next = { bodyId: input.bodyId, bodyEn: input.bodyEn, mapUrl };
    if (before && before.bodyId === next.bodyId && before.bodyEn === next.bodyEn && before.mapUrl === next.mapUrl) return { changed: false };
    if (!before && !next.bodyId && !next.bodyEn && !next.mapUrl) return { changed: false };
    await tx
      .insert(shopPages)
      .values({ cooperativeId: act.cooperativeId, kind: input.kind, ...next, updatedBy: act.actorUserId })
      .onConflictDoUpdate({ target: [shopPages.cooperativeId, shopPages.kind], set: { ...next, updatedBy: act.actorUserId, updatedAt: new Date() } });
    await recordAudit(tx, {
      cooperativeId: act.cooperativeId,
      actorUserId: act.actorUserId,
      action: "shop_page.saved",
      entityType: "shop_page",
      entityId: input.kind,
      before: before ? { bodyId: before.bodyId, bodyEn: before.bodyEn, mapUrl: before.mapUrl } : null,
      after: next,
      ...(act.ipAddress ? { ipAddress: act.ipAddress } : {}),
    });
    return { changed: true };
  });
}
