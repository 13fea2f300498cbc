import { Form, useLocation } from "@remix-run/react";
import { useI18n } from "~/lib/i18n/react";
import { CartLink } from "./cart-link";
import { Logo } from "./logo";
import { SearchBox } from "./search-box";
import { ShopLink } from "./shop-link";
import { useViewer } from "./viewer";

export function SiteHeader(props: { cooperativeName: string }) {
  const { t, locale } = useI18n();
  const viewer = useViewer();
  const location = useLocation();
  const links = (
    [
      ["/", "nav.home"],
      ["/products", "nav.products"],
      ["/producers", "nav.producers"],
    ] as const
  ).map(([to, label]) => {
    // Home is current only on itself; a section also on the pages under it (as <NavLink end> and <NavLink>).
    const current = to === "/" ? location.pathname === "/" : location.pathname === to || location.pathname.startsWith(`${to}/`);
    return (
      <ShopLink
        key={to}
        to={to}
        aria-current={current ? "page" : undefined}
        className={`rounded-full px-3 py-2 text-sm font-medium ${current ? "bg-white/15 text-white" : "text-sea-50 hover:bg-white/10"}`}
      >
        {t(label)}
      </ShopLink>
    );
  });
  return (
    <header className="sticky top-0 z-20 bg-sea-800 text-white shadow-sm">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-ink">
        {t("nav.skip")}
      </a>
      <div className="container-page flex flex-wrap items-center gap-x-4 gap-y-2 py-2.5">
        <ShopLink to="/" className="flex min-h-11 items-center gap-2 font-semibold leading-tight" aria-label={`${props.cooperativeName} – ${t("nav.home")}`}>
          <Logo className="h-8 w-8 shrink-0" />
          <span className="max-w-[11rem] truncate sm:max-w-none">{props.cooperativeName}</span>
        </ShopLink>
        <div className="ml-auto flex items-center gap-2 sm:order-last">
        <CartLink />
        <ShopLink
          to={viewer ? (viewer.staff ? "/admin" : viewer.member ? "/member" : viewer.operator ? "/operator" : "/account") : "/sign-in"}
          className="inline-flex min-h-11 items-center rounded-full px-3 text-sm font-semibold hover:bg-white/10"
          title={viewer ? `${t("nav.account")}: ${viewer.name}` : undefined}
          data-testid="account-link"
        >
          {viewer ? (viewer.staff ? t("nav.admin") : viewer.member ? t("nav.member") : <span className="max-w-[8rem] truncate">{viewer.name.split(/\s+/)[0]}</span>) : t("nav.signIn")}
        </ShopLink>
        <Form method="post" action="/locale">
          <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
          <input type="hidden" name="locale" value={locale === "id" ? "en" : "id"} />
          {/* The name starts with what the button shows ("EN, Switch to English"), so a voice user saying "EN" finds it (WCAG 2.5.3). */}
          <button
            type="submit"
            className="min-h-11 rounded-full border border-white/30 px-3 text-sm font-semibold hover:bg-white/10"
            lang={locale === "id" ? "en" : "id"}
            aria-label={`${locale === "id" ? "EN" : "ID"}, ${t("nav.switchLanguage")}`}
          >
            {locale === "id" ? "EN" : "ID"}
          </button>
        </Form>
        </div>
        <div className="order-last w-full sm:order-none sm:w-auto sm:flex-1">
          <SearchBox />
        </div>
        <nav aria-label={t("nav.main")} className="hidden gap-1 md:flex">
          {links.slice(1)}
        </nav>
      </div>
      <nav aria-label={t("nav.main")} className="container-page flex gap-1 overflow-x-auto pb-2 md:hidden">
        {links}
      </nav>
    </header>
  );
}
