import { useI18n } from "~/lib/i18n/react";

/** The checklist items a curator marked as needing a change, with their comments, then the general comment. */
export function CuratorNotes(props: { notes: { item: string; comment: string }[]; comment: string; className?: string }) {
  const { t } = useI18n();
  return (
    <div className={props.className}>
      {props.notes.length > 0 ? (
        <ul className="list-disc space-y-1 pl-5">
          {props.notes.map((note) => (
            <li key={note.item}>
              {t(`review.check.${note.item}` as "review.check.photos")}
              {note.comment ? `: ${note.comment}` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      {props.comment ? <p className="mt-1">{props.comment}</p> : null}
    </div>
  );
}
