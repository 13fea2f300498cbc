/** Words as a listener hears them: letters and digits, any case. */
const words = (text: string) => text.toLocaleLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** "Foto …", "Photo of …": a screen reader already says it is an image. */
const leadingImageWord = /^\s*(?:foto|gambar|photo(?:\s+of)?|picture(?:\s+of)?|image(?:\s+of)?)\s+/i;

/**
 * A gallery photo's alternative text: what the member wrote for it (or the product's name), then the photo's
 * role ("label belakang") only when its words are not said already, without a leading "Foto"; no word twice
 * ("Kripik Tempe, kemasan depan", never "Foto Kripik Tempe, kemasan depan · kemasan depan").
 */
export function photoAlt(alt: string, role: string): string {
  const own = alt.replace(leadingImageWord, "").trim() || alt.trim();
  const said = new Set(words(own));
  const unsaid = words(role).filter((word) => !said.has(word));
  if (unsaid.length === 0) return own;
  return own ? `${own}, ${role}` : role;
}
