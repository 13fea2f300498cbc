import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** An empty list's message; `link` is its one clear next step, as a button (or any `action`). */
export function EmptyState(props: { title: string; body?: string; action?: ReactNode; link?: { to: string; label: string } }) {
  return (
    <div className="rounded-2xl border-2 border-dashed border-sand-300 bg-white/60 px-6 py-12 text-center">
      <svg aria-hidden="true" viewBox="0 0 48 48" className="mx-auto h-12 w-12 text-sand-300">
        <path fill="currentColor" d="M8 14 24 6l16 8v20l-16 8-16-8V14Zm16 1.5L13 10.4 24 16l11-5.6-11 5.1Zm-13 0v16.3l11 5.5V20.6L11 15.5Z" />
      </svg>
      <h2 className="mt-4 text-lg font-semibold">{props.title}</h2>
      {props.body ? <p className="mx-auto mt-2 max-w-md text-muted">{props.body}</p> : null}
      {props.action ? <div className="mt-6">{props.action}</div> : null}
      {props.link ? (
        <div className="mt-6">
          <Link to={props.link.to} className="btn bg-sea-700 text-white hover:bg-sea-800">
            {props.link.label}
          </Link>
        </div>
      ) : null}
    </div>
  );
}
