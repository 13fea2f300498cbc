import { NavLink } from "@remix-run/react";
import { useI18n } from "~/lib/i18n/react";

const tabs = [
  { to: "/admin/settings", key: "settings.tabs.general" },
  { to: "/admin/settings/payments", key: "settings.tabs.payments" },
  { to: "/admin/settings/delivery", key: "settings.tabs.delivery" },
  { to: "/admin/settings/fees", key: "settings.tabs.fees" },
] as const;

/** The top of each settings page: its title, the tabs to the other parts, and what the page is for. */
export function SettingsHeader(props: { title: string; intro: string }) {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">{props.title}</h1>
      <SettingsTabs />
      <p className="text-muted">{props.intro}</p>
    </div>
  );
}

/** The parts of the cooperative's settings, one page each: general, payments, delivery. */
function SettingsTabs() {
  const { t } = useI18n();
  return (
    <nav aria-label={t("settings.tabs.label")}>
      <ul className="flex gap-1 overflow-x-auto rounded-full bg-sand-100 p-1 sm:inline-flex">
        {tabs.map((tab) => (
          <li key={tab.to} className="flex-1 sm:flex-none">
            <NavLink
              to={tab.to}
              end
              className={({ isActive }) =>
                `flex min-h-11 items-center justify-center whitespace-nowrap rounded-full px-4 text-sm font-semibold ${isActive ? "bg-white text-sea-800 shadow-sm ring-1 ring-sand-200" : "text-ink hover:bg-white/70"}`
              }
            >
              {t(tab.key)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
