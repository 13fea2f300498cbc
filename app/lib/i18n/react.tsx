import { useMatches } from "@remix-run/react";
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { createTranslate, defaultLocale, type Locale, type Messages, type Translate } from "./core";
import { dictionaryPartsOfPage, hasMessages, loadMessagesScript, loadedMessages, type DictionaryPart } from "./dictionaries";

interface I18n {
  locale: Locale;
  t: Translate;
}

const I18nContext = createContext<I18n>({ locale: defaultLocale, t: (key) => key });

export function I18nProvider(props: { locale: Locale; messages: Messages; children: ReactNode }) {
  const value = useMemo(
    () => ({ locale: props.locale, t: createTranslate(props.messages, props.locale) }),
    [props.locale, props.messages],
  );
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** The dictionary parts the current page needs (`dictionaryPartsOfPage`). */
export function usePageDictionaryParts(): DictionaryPart[] {
  const matches = useMatches();
  return dictionaryPartsOfPage(matches.filter((match) => match.id !== "root").map((match) => match.handle));
}

/**
 * The page's language from the root loader, with the dictionary parts its routes need. They are normally
 * at hand (the server has all; the browser ran the page's scripts before hydrating). When a navigation
 * needs a part this page has not loaded (into the back office, or to the other language), rendering
 * suspends until the part's script has run: Remix navigates inside a React transition, so the shopper
 * keeps seeing the page they are on (never a key without its words) until the next one can speak.
 */
export function PageI18n(props: { locale: Locale; scripts: Record<DictionaryPart, string>; parts: DictionaryPart[]; children: ReactNode }) {
  const missing = props.parts.filter((part) => !hasMessages(props.locale, [part]));
  if (missing.length > 0) throw loadParts(missing.map((part) => props.scripts[part]));
  return (
    <I18nProvider locale={props.locale} messages={loadedMessages(props.locale)!}>
      {props.children}
    </I18nProvider>
  );
}

/** Loads dictionary scripts; when one cannot be loaded, the page loads anew (and waits for that, not for the script). */
function loadParts(sources: string[]): Promise<unknown> {
  return Promise.all(sources.map(loadMessagesScript)).catch(() => {
    window.location.reload();
    return new Promise(() => {});
  });
}
