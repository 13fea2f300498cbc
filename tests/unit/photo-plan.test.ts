import { describe, expect, it } from "vitest";
import {
  MAX_EXTRA_PHOTOS,
  dropNewExtra,
  initialPhotoOrder,
  makeCover,
  movePhoto,
  planPhotos,
  readPhotoOrder,
  type PhotoPlanInput,
  type SavedPhoto,
} from "~/modules/catalog/listings/photo-plan";

const extraA = "aaaaaaaa-0000-4000-8000-000000000001";
const extraB = "bbbbbbbb-0000-4000-8000-000000000002";
const saved: SavedPhoto[] = [
  { assetId: "p", role: "product" },
  { assetId: "f", role: "packaging_front" },
  { assetId: "l", role: "label_back" },
  { assetId: extraA, role: "other" },
];

const plan = (input: Partial<PhotoPlanInput>) =>
  planPhotos({ saved: [], replacedRoles: new Set(), newExtras: 0, removed: new Set(), order: [], ...input });

const tokensOf = (result: ReturnType<typeof planPhotos>) => (result.ok ? result.photos.map((photo) => photo.token) : result.error);

describe("planning a version's photos", () => {
  it("a new product: the three required uploads, then the extras, in that order by default", () => {
    const result = plan({ replacedRoles: new Set(["label_back", "product", "packaging_front"]), newExtras: 2 });
    expect(tokensOf(result)).toEqual(["slot:product", "slot:packaging_front", "slot:label_back", "new:0", "new:1"]);
  });

  it("an edit keeps the saved photos and their order when nothing is sent", () => {
    const result = plan({ saved });
    expect(result.ok && result.photos.map((photo) => (photo.source === "saved" ? photo.assetId : "upload"))).toEqual(["p", "f", "l", extraA]);
  });

  it("a replaced required photo keeps its place and becomes an upload", () => {
    const result = plan({ saved, replacedRoles: new Set(["packaging_front"]) });
    expect(result.ok && result.photos[1]).toEqual({ token: "slot:packaging_front", source: "upload", role: "packaging_front" });
    expect(result.ok && result.photos.filter((photo) => photo.source === "upload")).toHaveLength(1);
  });

  it("removes only the saved extras asked for; required photos cannot be removed, only replaced", () => {
    const result = plan({ saved, removed: new Set([extraA, "p"]) });
    expect(tokensOf(result)).toEqual(["slot:product", "slot:packaging_front", "slot:label_back"]);
  });

  it("follows the member's order; the first is the cover; unknown tokens are ignored and missing ones follow", () => {
    const result = plan({ saved, newExtras: 1, order: ["new:0", `asset:${extraA}`, "asset:ffffffff-0000-4000-8000-000000000000", "slot:label_back"] });
    expect(tokensOf(result)).toEqual(["new:0", `asset:${extraA}`, "slot:label_back", "slot:product", "slot:packaging_front"]);
  });

  it(`refuses more than ${MAX_EXTRA_PHOTOS} extras, counting the saved ones that stay`, () => {
    const savedExtras: SavedPhoto[] = [{ assetId: extraA, role: "other" }, { assetId: extraB, role: "other" }];
    expect(tokensOf(plan({ saved: savedExtras, newExtras: MAX_EXTRA_PHOTOS - 2 }))).toHaveLength(MAX_EXTRA_PHOTOS);
    expect(tokensOf(plan({ saved: savedExtras, newExtras: MAX_EXTRA_PHOTOS - 1 }))).toBe("product.error.tooManyPhotos");
    expect(tokensOf(plan({ saved: savedExtras, newExtras: MAX_EXTRA_PHOTOS - 1, removed: new Set([extraB]) }))).toHaveLength(MAX_EXTRA_PHOTOS);
  });

  it("a duplicated role in saved data is placed once", () => {
    const result = plan({ saved: [...saved, { assetId: "p2", role: "product" }] });
    expect(tokensOf(result)).toEqual(["slot:product", "slot:packaging_front", "slot:label_back", `asset:${extraA}`]);
  });
});

describe("the order field", () => {
  it("keeps only well-formed tokens, at most twenty", () => {
    expect(readPhotoOrder(`slot:label_back, new:3,asset:${extraA},slot:other,asset:../../etc,new:999,<script>`)).toEqual(["slot:label_back", "new:3", `asset:${extraA}`]);
    expect(readPhotoOrder(Array.from({ length: 30 }, (_, n) => `new:${n}`).join(","))).toHaveLength(20);
    expect(readPhotoOrder(null)).toEqual([]);
  });
});

describe("arranging photos in the editor", () => {
  const order = ["slot:product", "slot:packaging_front", "new:0", "slot:label_back", "new:1"];
  const shownAll = () => true;

  it("starts from the saved order and adds the empty required slots", () => {
    expect(initialPhotoOrder([{ assetId: extraA, role: "other" }, { assetId: "l", role: "label_back" }])).toEqual([
      `asset:${extraA}`,
      "slot:label_back",
      "slot:product",
      "slot:packaging_front",
    ]);
  });

  it("moves a photo one place, and not past either end", () => {
    expect(movePhoto(order, "new:0", -1, shownAll)).toEqual(["slot:product", "new:0", "slot:packaging_front", "slot:label_back", "new:1"]);
    expect(movePhoto(order, "slot:product", -1, shownAll)).toEqual(order);
    expect(movePhoto(order, "new:1", 1, shownAll)).toEqual(order);
  });

  it("moves among the shown photos only, so an empty slot is never in the way", () => {
    const shown = (token: string) => token !== "slot:packaging_front";
    expect(movePhoto(order, "new:0", -1, shown)).toEqual(["new:0", "slot:product", "slot:label_back", "new:1", "slot:packaging_front"]);
  });

  it("makes any photo the cover", () => {
    expect(makeCover(order, "slot:label_back")[0]).toBe("slot:label_back");
    expect(makeCover(order, "slot:label_back")).toHaveLength(order.length);
  });

  it("forgetting a new extra renumbers the later ones as the file list does", () => {
    expect(dropNewExtra(["new:0", "slot:product", "new:1", "new:2"], 1)).toEqual(["new:0", "slot:product", "new:1"]);
  });
});
