import { PillTabs } from "~/components/pill-tabs";
import { useI18n } from "~/lib/i18n/react";

const tabs = [
  { to: "/admin/settings", key: "settings.tabs.general" },
  { to: "/admin/settings/payments", key: "settings.tabs.payments" },
  { to: "/admin/settings/delivery", key: "settings.tabs.delivery" },
  { to: "/admin/settings/search", key: "settings.tabs.search" },
  { to: "/admin/settings/outlet", key: "settings.tabs.outlet" },
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

/** The parts of the cooperative's settings, one page each: general, payments, delivery, search. */
function SettingsTabs() {
  const { t } = useI18n();
  return <PillTabs label={t("settings.tabs.label")} tabs={tabs.map((tab) => ({ to: tab.to, label: t(tab.key) }))} end />;
}
