import { NavLink } from "@remix-run/react";

/** The parts of one area as pill tabs (settings, catalog): scroll sideways on phones, the current one raised. */
export function PillTabs(props: { label: string; tabs: readonly { to: string; label: string }[]; end?: boolean }) {
  return (
    <nav aria-label={props.label}>
      <ul className="flex gap-1 overflow-x-auto rounded-full bg-sand-100 p-1 sm:inline-flex">
        {props.tabs.map((tab) => (
          <li key={tab.to} className="flex-1 sm:flex-none">
            <NavLink
              to={tab.to}
              end={props.end}
              className={({ isActive }) =>
                `flex min-h-11 items-center justify-center whitespace-nowrap rounded-full px-4 text-sm font-semibold ${isActive ? "bg-white text-sea-800 shadow-sm ring-1 ring-sand-200" : "text-ink hover:bg-white/70"}`
              }
            >
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
