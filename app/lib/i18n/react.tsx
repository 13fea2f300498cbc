import { createContext, useContext, useMemo, type ReactNode } from "react";
import { createTranslate, defaultLocale, type Locale, type Messages, type Translate } from "./core";

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
