import type { MetaArgs, MetaDescriptor } from "@remix-run/node";
import type { RootData } from "~/root";
import { createTranslate, type Translate } from "./i18n/core";
import { anyMessages, loadedMessages } from "./i18n/dictionaries";
import { seoMeta, type PageSeo } from "./seo";

/** The root loader's data inside a route's `meta`: language, messages, origin and cooperative. */
export function rootMeta(matches: MetaArgs["matches"]): { root: RootData; t: Translate } | undefined {
  const root = matches.find((match) => match.id === "root")?.data as RootData | undefined;
  const own = root ? loadedMessages(root.locale) : undefined;
  const messages = own ?? anyMessages();
  return root && messages ? { root, t: createTranslate(messages, own ? root.locale : undefined) } : undefined;
}

type PageFields = Omit<PageSeo, "origin" | "path" | "locale" | "siteName">;

/**
 * A route's meta tags from what only it knows (title, description, image…); origin, path, language
 * and site name come from the root. Renders nothing while the page has no data (its error boundary shows).
 */
export function pageMeta<Data>(
  args: { data: Data | undefined; matches: MetaArgs["matches"]; location: { pathname: string } },
  page: (context: { data: Data; root: RootData; t: Translate }) => PageFields,
): MetaDescriptor[] {
  const context = rootMeta(args.matches);
  if (!context || args.data === undefined) return [];
  const { root, t } = context;
  return seoMeta({
    origin: root.origin,
    path: args.location.pathname,
    locale: root.locale,
    siteName: root.cooperative.name,
    ...page({ data: args.data, root, t }),
  });
}
