import type { MetaDescriptor } from "@remix-run/node";
import type { Locale } from "./i18n/core";

export interface PageSeo {
  title: string;
  description: string;
  /** Absolute origin and path of the page, without query: the canonical URL. */
  origin: string;
  path: string;
  locale: Locale;
  siteName: string;
  image?: string;
  type?: "website" | "product" | "profile";
  noindex?: boolean;
  jsonLd?: object;
}

/** Title, description, canonical and language alternates, Open Graph and JSON-LD for one page. */
export function seoMeta(page: PageSeo): MetaDescriptor[] {
  const url = `${page.origin}${page.path}`;
  const withLang = (lang: Locale) => `${url}${url.includes("?") ? "&" : "?"}lang=${lang}`;
  const tags: MetaDescriptor[] = [
    { title: page.title },
    { name: "description", content: page.description },
    { tagName: "link", rel: "canonical", href: url },
    { tagName: "link", rel: "alternate", hrefLang: "id", href: withLang("id") },
    { tagName: "link", rel: "alternate", hrefLang: "en", href: withLang("en") },
    { tagName: "link", rel: "alternate", hrefLang: "x-default", href: url },
    { property: "og:type", content: page.type ?? "website" },
    { property: "og:site_name", content: page.siteName },
    { property: "og:title", content: page.title },
    { property: "og:description", content: page.description },
    { property: "og:url", content: url },
    { property: "og:locale", content: page.locale === "id" ? "id_ID" : "en_US" },
    { name: "twitter:card", content: page.image ? "summary_large_image" : "summary" },
  ];
  if (page.image) tags.push({ property: "og:image", content: absolute(page.origin, page.image) });
  if (page.noindex) tags.push({ name: "robots", content: "noindex, follow" });
  if (page.jsonLd) tags.push({ "script:ld+json": page.jsonLd });
  return tags;
}

export function absolute(origin: string, href: string): string {
  return /^https?:\/\//.test(href) ? href : `${origin}${href}`;
}

/** Shortens text to a meta description (about 155 characters), on a word boundary. */
export function summarize(text: string, max = 155): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 80 ? cut.lastIndexOf(" ") : cut.length)}…`;
}
