import { notFound } from "~/lib/http.server";

/** Any path no route claims: the translated 404 page from the root error boundary. */
export function loader() {
  throw notFound();
}

export default function NotFound() {
  return null;
}
