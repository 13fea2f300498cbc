import { NavLink } from "@remix-run/react";

/** The tab bar of a work area (staff, member, operator): scrolls sideways on phones. */
export function AreaNav(props: { label: string; links: { to: string; label: string; end?: boolean }[] }) {
  return (
    <nav aria-label={props.label} className="border-b border-sand-200 bg-white">
      <ul className="container-page flex gap-1 overflow-x-auto py-2">
        {props.links.map((link) => (
          <li key={link.to}>
            <NavLink
              to={link.to}
              end={link.end}
              className={({ isActive }) =>
                `inline-flex min-h-11 items-center whitespace-nowrap rounded-full px-4 text-sm font-semibold ${isActive ? "bg-sea-700 text-white" : "text-ink hover:bg-sand-100"}`
              }
            >
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
