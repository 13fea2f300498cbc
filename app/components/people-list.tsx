import { useI18n } from "~/lib/i18n/react";

/** Who works for a member business: owner and helpers, and whether they have opened their invitation. */
export function PeopleList(props: { people: { userId: string; name: string; email: string; role: "owner" | "helper"; activated: boolean }[] }) {
  const { t } = useI18n();
  return (
    <ul className="mt-2 divide-y divide-sand-200 text-sm">
      {props.people.map((person) => (
        <li key={person.userId} className="py-2">
          {person.name || person.email} · {t(`member.people.role.${person.role}`)}
          {person.activated ? "" : ` · ${t("member.people.invited")}`}
        </li>
      ))}
    </ul>
  );
}
