import { describe, expect, it } from "vitest";
import { photoAlt } from "~/components/photo-alt";

describe("a product photo's alternative text", () => {
  it("says the role only when the text does not say it yet", () => {
    expect(photoAlt("Kripik Tempe, kemasan depan", "kemasan depan")).toBe("Kripik Tempe, kemasan depan");
    expect(photoAlt("Kripik Tempe", "label belakang")).toBe("Kripik Tempe, label belakang");
    expect(photoAlt("Tempeh chips, front of the pack", "front of pack")).toBe("Tempeh chips, front of the pack");
  });

  it("drops a leading 'Foto' or 'Photo of': a screen reader already says it is an image", () => {
    expect(photoAlt("Foto Kripik Tempe", "produk")).toBe("Kripik Tempe, produk");
    expect(photoAlt("Photo of tempeh chips", "back label")).toBe("tempeh chips, back label");
    expect(photoAlt("Foto", "produk")).toBe("Foto, produk");
    expect(photoAlt("", "produk")).toBe("produk");
  });
});
