import type { ImageSources } from "~/modules/media/images";
import type { VersionState } from "../listings/versions";

/** The managers' product list: its filters and rows (shared with the page, so not server-only). */
export type AdminProductStatus = "live" | "taken_down" | "archived" | "hidden" | VersionState;
export const adminProductFilters = ["all", "live", "featured", "taken_down", "waiting"] as const;
export type AdminProductFilter = (typeof adminProductFilters)[number];

export interface AdminProduct {
  id: string;
  slug: string;
  name: string;
  producer: string;
  status: AdminProductStatus;
  featuredPosition: number | null;
  takenDown: { reason: string; at: Date } | null;
  cover: ImageSources | null;
}
