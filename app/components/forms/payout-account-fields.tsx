import { useState } from "react";
import { useI18n } from "~/lib/i18n/react";
import type { MessageKey } from "~/lib/i18n/core";
import type { PayoutChoices } from "~/lib/indonesia/payout-accounts";
import { TextField } from "./field";

/**
 * A payout account: a bank or an e-wallet (GoPay, OVO, DANA, ShopeePay), its number (an e-wallet's is the mobile
 * number it is registered to) and the holder's name. The number's label follows the choice once the page runs its
 * script; without it the hint says both. Field names are the application's (`bankCode`, `bankAccountNumber`,
 * `bankAccountHolder`), so errors and refills work the same on every form that uses it.
 */
export function PayoutAccountFields(props: {
  choices: PayoutChoices;
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
}) {
  const { t } = useI18n();
  const { values, errors, choices } = props;
  const [code, setCode] = useState(values.bankCode ?? "");
  const ewallet = choices.ewallets.some((option) => option.value === code);
  const codeError = errors.bankCode ? t(errors.bankCode as MessageKey) : undefined;
  return (
    <>
      <div className="space-y-1">
        <label htmlFor="bankCode" className="block text-sm font-semibold">{t("joining.payout.provider")}</label>
        <select
          id="bankCode"
          name="bankCode"
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          aria-invalid={codeError ? true : undefined}
          aria-describedby={codeError ? "bankCode-error" : undefined}
          className={`field ${codeError ? "border-clay-600" : ""}`}
        >
          <option value="">{t("joining.payout.choose")}</option>
          <optgroup label={t("joining.payout.ewallets")}>
            {choices.ewallets.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
          </optgroup>
          <optgroup label={t("joining.payout.banks")}>
            {choices.banks.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
          </optgroup>
        </select>
        {codeError ? <p id="bankCode-error" className="text-sm font-medium text-clay-700">{codeError}</p> : null}
      </div>
      <TextField
        name="bankAccountNumber"
        inputMode={ewallet ? "tel" : "numeric"}
        label={ewallet ? t("joining.payout.ewalletNumber") : t("apply.field.bankAccountNumber")}
        hint={ewallet ? t("joining.payout.ewalletNumberHint") : t("joining.payout.numberHint")}
        defaultValue={values.bankAccountNumber}
        error={errors.bankAccountNumber}
      />
      <TextField name="bankAccountHolder" label={t("joining.payout.holder")} hint={t("joining.payout.holderHint")} defaultValue={values.bankAccountHolder} error={errors.bankAccountHolder} />
    </>
  );
}
