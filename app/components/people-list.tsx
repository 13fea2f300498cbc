import { CopyText } from "./copy-text";
import { useI18n } from "~/lib/i18n/react";
import { whatsAppHref } from "~/lib/indonesia/phone-links";

interface Person {
  userId: string;
  name: string;
  email: string;
  role: "owner" | "helper";
  activated: boolean;
}

/**
 * Who works for a member business: owner and helpers, and whether they have opened their invitation. With
 * `nudge` (staff pages), someone who has not yet gets a reminder to pass on by WhatsApp or copy: it says where the
 * invitation went and the shop's address, never the one-time link itself, which reaches only its recipient
 * (decision 0016).
 */
export function PeopleList(props: { people: Person[]; nudge?: { shopName: string; shopUrl: string; businessName: string; ownerPhone: string } }) {
  const { t } = useI18n();
  const { nudge } = props;
  return (
    <ul className="mt-2 divide-y divide-sand-200 text-sm">
      {props.people.map((person) => {
        const message =
          nudge && !person.activated
            ? t("invite.reminder.message", { name: person.name || person.email, shop: nudge.shopName, business: nudge.businessName, email: person.email, url: nudge.shopUrl })
            : null;
        // The owner's own number when it has WhatsApp; otherwise WhatsApp asks whom to send it to.
        const whatsApp = message ? ((person.role === "owner" ? whatsAppHref(nudge!.ownerPhone, message) : null) ?? whatsAppHref(null, message)) : null;
        return (
          <li key={person.userId} className="py-2">
            {person.name || person.email} · {t(`member.people.role.${person.role}`)}
            {person.activated ? "" : ` · ${t("member.people.invited")}`}
            {message ? (
              <div className="mt-2 space-y-2 rounded-xl bg-sand-50 p-3">
                <p className="text-xs text-muted">{t("invite.reminder.hint", { email: person.email })}</p>
                {whatsApp ? (
                  <a href={whatsApp} target="_blank" rel="noreferrer" className="inline-flex min-h-11 items-center rounded-full bg-sea-700 px-4 text-sm font-semibold text-white">
                    {t("invite.reminder.whatsApp")}
                  </a>
                ) : null}
                <CopyText text={message} label={t("invite.reminder.copy")} id={`reminder-${person.userId}`} />
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
