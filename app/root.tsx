import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { LowPriorityModulePreloads } from "~/components/low-priority-module-preloads";
import { ScriptsAfterPaint } from "~/components/scripts-after-paint";
import { ScrollRestoration } from "~/components/scroll-restoration";
import { SiteFooter } from "~/components/site-footer";
import { SiteHeader } from "~/components/site-header";
import { LinkFollower } from "~/components/shop-link";
import { htmlLang, type MessageKey } from "~/lib/i18n/core";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import { useNonce } from "~/lib/nonce";
import { paintsBeforeScripts } from "~/lib/scripts-after-paint";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { messagesScriptPaths } from "~/lib/i18n/messages-script.server";
import { PageI18n, useI18n, usePageDictionaryParts } from "~/lib/i18n/react";
import { requireCooperative } from "~/web/cooperative.server";
import stylesheet from "~/styles/app.css?url";

export const links: LinksFunction = () => [
  // A PNG, not the SVG: a page's SVG icon is drawn by building an SVG document on its main thread as it loads (decision 45).
  { rel: "icon", href: "/favicon.png", type: "image/png", sizes: "64x64" },
  { rel: "apple-touch-icon", href: "/apple-touch-icon.png" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  // Nothing here depends on who is asking (the header learns that after load): shop pages can be cached whole.
  const cooperative = await requireCooperative(request, context);
  return {
    locale,
    messagesScripts: messagesScriptPaths(locale),
    origin: cooperative.origin,
    // Every date on a page is shown in this zone, on the server and in the browser alike (lib/time-zone.ts).
    timeZone: timeZoneOfProvince(cooperative.province),
    cooperative: {
      name: cooperative.name,
      legalName: cooperative.legalName,
      tagline: locale === "en" && cooperative.taglineEn ? cooperative.taglineEn : cooperative.taglineId,
      address: [cooperative.address, cooperative.village, cooperative.district, cooperative.regency, cooperative.province]
        .filter(Boolean)
        .join(", "),
      phone: cooperative.phone,
      email: cooperative.email,
    },
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const nonce = useNonce();
  const locale = data?.locale ?? "id";
  const parts = usePageDictionaryParts();
  const paintsFirst = paintsBeforeScripts(parts);
  // A shop page may be read and used for a while before its scripts run; this marks when they have.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang={htmlLang[locale]}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0f4b50" />
        <Meta />
        {/* A file, not inlined: the parser's first chunk is lighter and the file is cached for every later page (decision 56). */}
        <link rel="stylesheet" href={stylesheet} />
        <Links />
        {data ? parts.map((part) => <script key={part} defer src={data.messagesScripts[part]} nonce={nonce} />) : null}
        {paintsFirst ? null : <LowPriorityModulePreloads />}
      </head>
      <body className="flex min-h-dvh flex-col font-sans antialiased">
        {data ? (
          <PageI18n locale={data.locale} scripts={data.messagesScripts} parts={parts}>
            {children}
          </PageI18n>
        ) : (
          children
        )}
        <ScrollRestoration nonce={nonce} />
        {paintsFirst ? <ScriptsAfterPaint /> : null}
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useRootData();
  return (
    <LinkFollower>
      <SiteHeader cooperativeName={data?.cooperative.name ?? "Etalase"} />
      <main id="main" className="flex-1">
        <Outlet />
      </main>
      {data ? <SiteFooter cooperative={data.cooperative} /> : null}
    </LinkFollower>
  );
}

/** Without the root loader's messages (it failed), error pages still speak both languages. */
const bareErrorText = {
  notFound: "Halaman tidak ditemukan · Page not found",
  failed: "Maaf, terjadi kesalahan · Sorry, something went wrong",
  home: "Beranda · Home",
};

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRootData();
  const { t } = useI18n();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const messageKey: MessageKey | undefined =
    isRouteErrorResponse(error) && typeof error.data === "object" && error.data && "messageKey" in error.data
      ? (error.data.messageKey as MessageKey)
      : undefined;
  if (!isRouteErrorResponse(error)) console.error(error);
  const title = data
    ? t(status === 404 ? "error.notFound.title" : status === 403 ? "error.forbidden.title" : status === 413 ? "error.tooLarge.title" : status < 500 ? "error.badRequest.title" : "error.failed.title")
    : status === 404
      ? bareErrorText.notFound
      : bareErrorText.failed;
  const body = data ? t(messageKey ?? (status === 404 ? "error.notFound.body" : status < 500 ? "error.badRequest.body" : "error.failed.body")) : "";
  return (
    <>
      {data ? <SiteHeader cooperativeName={data.cooperative.name} /> : null}
      <main id="main" className="container-page flex-1 py-16 text-center">
        <title>{title}</title>
        <p className="text-6xl font-bold text-sea-700" aria-hidden="true">
          {status}
        </p>
        <h1 className="mt-4 text-2xl font-semibold">{title}</h1>
        {body ? <p className="mx-auto mt-3 max-w-prose text-muted">{body}</p> : null}
        <a href="/" className="btn mt-8 bg-sea-700 text-white hover:bg-sea-800">
          {data ? t("error.backHome") : bareErrorText.home}
        </a>
      </main>
    </>
  );
}
