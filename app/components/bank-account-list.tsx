import type { BankAccountView } from "~/modules/membership/members.server";
import { useI18n } from "~/lib/i18n/react";

export function BankAccountList(props: { accounts: BankAccountView[] }) {
  const { t } = useI18n();
  if (props.accounts.length === 0) return <p className="text-sm text-muted">{t("bank.none")}</p>;
  return (
    <ul className="divide-y divide-sand-200">
      {props.accounts.map((account) => (
        <li key={account.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
          <span>
            <span className="font-semibold">{account.bankName}</span> · <span className="font-mono">{account.accountNumber}</span> · {account.holderName}
          </span>
          <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${account.status === "confirmed" ? "bg-sea-50 text-sea-800" : account.status === "pending" ? "bg-clay-500/15 text-clay-700" : "bg-sand-100 text-muted"}`}>
            {t(`bank.status.${account.status}`)}
          </span>
        </li>
      ))}
    </ul>
  );
}
