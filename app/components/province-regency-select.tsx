import { useEffect, useState } from "react";
import { useI18n } from "~/lib/i18n/react";
import { SelectField } from "./forms/field";

type Option = { code: string; name: string };

/**
 * A province and, optionally, one of its regencies or cities (official codes; the regencies load when the
 * province is chosen, from /api/areas). An empty regency means the whole province.
 */
export function ProvinceRegencySelect(props: {
  provinces: Option[];
  provinceCode: string;
  regencyCode: string;
  /** The chosen province's regencies, when the form opens with one chosen. */
  regencies: Option[];
  errors: Record<string, string | undefined>;
}) {
  const { t } = useI18n();
  const [province, setProvince] = useState(props.provinceCode);
  const [regency, setRegency] = useState(props.regencyCode);
  const [regencies, setRegencies] = useState(props.regencies);
  const [loading, setLoading] = useState(false);

  async function loadRegencies(code: string) {
    setLoading(true);
    try {
      const response = await fetch(`/api/areas?level=regency&parent=${encodeURIComponent(code)}`);
      setRegencies(((await response.json()) as { options: Option[] }).options);
    } finally {
      setLoading(false);
    }
  }

  async function chooseProvince(code: string) {
    setProvince(code);
    setRegency("");
    setRegencies([]);
    if (code) await loadRegencies(code);
  }

  // Opened again after a refused post: the province is chosen but its regencies were not sent along.
  useEffect(() => {
    if (props.provinceCode && props.regencies.length === 0) void loadRegencies(props.provinceCode);
  }, [props.provinceCode, props.regencies.length]);

  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField
        name="provinceCode"
        label={t("apply.field.province")}
        placeholder={t("apply.placeholder.province")}
        options={props.provinces.map((option) => ({ value: option.code, label: option.name }))}
        value={province}
        onChange={(event) => void chooseProvince(event.target.value)}
        required
        error={props.errors.provinceCode}
      />
      <SelectField
        name="regencyCode"
        label={t("deliverySettings.field.regency")}
        placeholder={loading ? t("form.loading") : t("deliverySettings.rates.wholeProvince")}
        options={regencies.map((option) => ({ value: option.code, label: option.name }))}
        value={regency}
        onChange={(event) => setRegency(event.target.value)}
        disabled={regencies.length === 0}
        error={props.errors.regencyCode}
      />
    </div>
  );
}
