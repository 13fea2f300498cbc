import type { Translate } from "~/lib/i18n/core";
import type { ShuLineInput } from "./compute";

/** Named fund lines a year may have besides the two pools (reserve, management, staff, education, social, region …). */
export const MAX_FUND_LINES = 8;

/** A line's name in the reader's language: the two pools by the dictionary, funds by the statutes' own words. */
export function shuLineName(line: ShuLineInput, t: Translate): string {
  if (line.role === "jasa_usaha") return t("shu.line.jasaUsaha");
  if (line.role === "jasa_modal") return t("shu.line.jasaModal");
  return line.name;
}
