import { formatIndonesianPhone } from "~/lib/indonesia/phone";
import { telHref, whatsAppHref } from "~/lib/indonesia/phone-links";
import { useI18n } from "~/lib/i18n/react";

/** A phone number staff can tap: call it, or open a WhatsApp chat (mobile numbers only). Plain text when it cannot be dialled. */
export function PhoneLinks(props: { phone: string; className?: string }) {
  const { t } = useI18n();
  const tel = telHref(props.phone);
  const whatsApp = whatsAppHref(props.phone);
  const shown = formatIndonesianPhone(props.phone);
  if (!tel) return <span className={props.className}>{shown}</span>;
  const button = "inline-flex min-h-11 items-center rounded-full px-3 text-sm font-semibold ring-1";
  return (
    <span className={`flex flex-wrap items-center gap-2 ${props.className ?? ""}`}>
      <a href={tel} className={`${button} text-sea-700 ring-sea-600`} aria-label={t("contact.callNumber", { phone: shown })}>
        {shown}
      </a>
      {whatsApp ? (
        <a href={whatsApp} target="_blank" rel="noreferrer" className={`${button} bg-sea-50 text-sea-800 ring-sea-100`} aria-label={t("contact.whatsAppNumber", { phone: shown })}>
          {t("contact.whatsApp")}
        </a>
      ) : null}
    </span>
  );
}
