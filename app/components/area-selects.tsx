import { useEffect, useState } from "react";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { SelectField } from "./forms/field";

type Option = { code: string; name: string };
type Level = "province" | "regency" | "district" | "village";
const levels: Level[] = ["province", "regency", "district", "village"];
const fieldNames: Record<Level, string> = { province: "provinceCode", regency: "regencyCode", district: "districtCode", village: "villageCode" };
// Written out (not built from the level) so the shop dictionary's test sees that checkout uses them.
const levelWords: Record<Level, { label: MessageKey; placeholder: MessageKey }> = {
  province: { label: "apply.field.province", placeholder: "apply.placeholder.province" },
  regency: { label: "apply.field.regency", placeholder: "apply.placeholder.regency" },
  district: { label: "apply.field.district", placeholder: "apply.placeholder.district" },
  village: { label: "apply.field.village", placeholder: "apply.placeholder.village" },
};

/**
 * Province → regency → district → village, each list loaded when its parent is chosen (official codes
 * from idn-area-data). `initial` refills the choices after a failed submit.
 */
export function AreaSelects(props: {
  provinces: Option[];
  initial: Partial<Record<Level, { value: string; options: Option[] }>>;
  errors: Record<string, string | undefined>;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<Record<Level, string>>({
    province: props.initial.province?.value ?? "",
    regency: props.initial.regency?.value ?? "",
    district: props.initial.district?.value ?? "",
    village: props.initial.village?.value ?? "",
  });
  const [options, setOptions] = useState<Record<Level, Option[]>>({
    province: props.provinces,
    regency: props.initial.regency?.options ?? [],
    district: props.initial.district?.options ?? [],
    village: props.initial.village?.options ?? [],
  });
  const [loading, setLoading] = useState<Level | null>(null);

  useEffect(() => {
    setOptions((current) => ({ ...current, province: props.provinces }));
  }, [props.provinces]);

  async function choose(level: Level, value: string) {
    const index = levels.indexOf(level);
    const below = levels.slice(index + 1);
    setValues((current) => ({ ...current, [level]: value, ...Object.fromEntries(below.map((l) => [l, ""])) }));
    setOptions((current) => ({ ...current, ...Object.fromEntries(below.map((l) => [l, []])) }));
    const child = below[0];
    if (!child || !value) return;
    setLoading(child);
    try {
      const response = await fetch(`/api/areas?level=${child}&parent=${encodeURIComponent(value)}`);
      const body = (await response.json()) as { options: Option[] };
      setOptions((current) => ({ ...current, [child]: body.options }));
    } finally {
      setLoading(null);
    }
  }

  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {levels.map((level) => (
        <SelectField
          key={level}
          name={fieldNames[level]}
          label={t(levelWords[level].label)}
          placeholder={loading === level ? t("form.loading") : t(levelWords[level].placeholder)}
          options={options[level].map((option) => ({ value: option.code, label: option.name }))}
          value={values[level]}
          onChange={(event) => void choose(level, event.target.value)}
          disabled={level !== "province" && options[level].length === 0}
          required
          error={props.errors[fieldNames[level]]}
        />
      ))}
    </div>
  );
}
