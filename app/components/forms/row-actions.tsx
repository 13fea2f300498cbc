import { Form, Link } from "@remix-run/react";

/**
 * A row's "change" link (to the page's form, `?edit=<id>#<formId>`) and "delete" button (a post with `intent=delete`
 * and the row's `id`), each with an accessible name that says which row.
 */
export function RowActions(props: { id: string; formId: string; edit: string; editLabel: string; remove: string; removeLabel: string }) {
  return (
    <div className="flex shrink-0 gap-2">
      <Link to={`?edit=${props.id}#${props.formId}`} aria-label={props.editLabel} className="btn bg-white text-ink ring-1 ring-sand-300 hover:bg-sand-100">
        {props.edit}
      </Link>
      <Form method="post">
        <input type="hidden" name="id" value={props.id} />
        <button type="submit" name="intent" value="delete" aria-label={props.removeLabel} className="btn bg-white text-clay-700 ring-1 ring-sand-300 hover:bg-clay-500/10">
          {props.remove}
        </button>
      </Form>
    </div>
  );
}
