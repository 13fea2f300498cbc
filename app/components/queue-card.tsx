import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { ImageSources } from "~/modules/media/images";
import { CoverThumbnail } from "./responsive-image";

/**
 * One item of a staff work queue (applications, listings to review, and the fulfilment queues to come):
 * the whole card opens the item; `aside` says how long it has waited or when it was decided.
 */
export function QueueCard(props: { to: string; title: string; aside: string; image?: ImageSources | null; children?: ReactNode }) {
  return (
    <li className="relative flex gap-3 rounded-2xl bg-white p-4 ring-1 ring-sand-200 hover:ring-sea-600">
      {props.image !== undefined ? <CoverThumbnail image={props.image} /> : null}
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="font-semibold">
            <Link to={props.to} className="after:absolute after:inset-0">{props.title}</Link>
          </h2>
          <span className="text-sm text-muted">{props.aside}</span>
        </div>
        {props.children}
      </div>
    </li>
  );
}
