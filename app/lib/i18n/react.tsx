import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { createTranslate, defaultLocale, type Locale, type Messages, type Translate } from "./core";
import { anyMessages, loadMessagesScript, loadedMessages } from "./dictionaries";

interface I18n {
  locale: Locale;
  t: Translate;
}

const I18nContext = createContext<I18n>({ locale: defaultLocale, t: (key) => key });

export function I18nProvider(props: { locale: Locale; messages: Messages; children: ReactNode }) {
  const value = useMemo(
    () => ({ locale: props.locale, t: createTranslate(props.messages) }),
    [props.locale, props.messages],
  );
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/**
 * The page's language from the root loader. Its dictionary is normally at hand (the server has all; the
 * browser ran the page's dictionary script); after a language change without a page load, the other
 * one is fetched and the page speaks the old language for that moment.
 */
export function PageI18n(props: { locale: Locale; messagesScript: string; children: ReactNode }) {
  const [, setLoaded] = useState(0);
  const messages = loadedMessages(props.locale);
  useEffect(() => {
    if (messages) return;
    let current = true;
    loadMessagesScript(props.messagesScript)
      .then(() => current && setLoaded((n) => n + 1))
      .catch(() => window.location.reload());
    return () => {
      current = false;
    };
  }, [messages, props.messagesScript]);
  const shown = messages ?? anyMessages();
  return shown ? (
    <I18nProvider locale={props.locale} messages={shown}>
      {props.children}
    </I18nProvider>
  ) : (
    props.children
  );
}
