import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { httpError, notFound } from "~/lib/http.server";
import { shopPage } from "~/lib/i18n/dictionaries";

/**
 * Any path no route claims: the translated 404 page from the root error boundary. The HTTP edge also asks
 * here for the page of a request it refused (a body over budget, a malformed query): that refusal comes in
 * the load context, never from the URL.
 */
export function loader({ context }: LoaderFunctionArgs) {
  if (context.refusal) throw httpError(context.refusal.status, context.refusal.messageKey);
  throw notFound();
}

/** A JavaScript submission the edge refused gets its refusal as the action's error. */
export function action({ context }: ActionFunctionArgs) {
  return loader({ context } as LoaderFunctionArgs);
}

export const handle = shopPage;

export default function NotFound() {
  return null;
}
