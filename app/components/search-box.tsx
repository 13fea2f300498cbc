import { Form, useFetcher, useNavigate, useSearchParams } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import type { Suggestion } from "~/modules/catalog/shop/browse.server";
import { useI18n } from "~/lib/i18n/react";

/** The header search: a plain GET form that works without JavaScript, with suggestions as you type. */
export function SearchBox() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const fetcher = useFetcher<{ suggestions: Suggestion[] }>();
  const navigate = useNavigate();
  const [query, setQuery] = useState(params.get("q") ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const suggestions = query.trim().length >= 2 ? (fetcher.data?.suggestions ?? []) : [];

  useEffect(() => setQuery(params.get("q") ?? ""), [params]);
  useEffect(() => () => clearTimeout(timer.current), []);
  // On a slow phone the shopper may type before the page's script has started: pick up what is already there.
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const typed = input.current?.value ?? "";
    if (typed !== (params.get("q") ?? "") && document.activeElement === input.current) onChange(typed);
    // Only once, when the page becomes interactive.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function onChange(value: string) {
    setQuery(value);
    setActive(-1);
    setOpen(true);
    clearTimeout(timer.current);
    if (value.trim().length >= 2) {
      timer.current = setTimeout(() => fetcher.load(`/api/suggest?q=${encodeURIComponent(value)}`), 150);
    }
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (!open || suggestions.length === 0) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current) => {
        const next = current + step;
        if (next < -1) return suggestions.length - 1;
        return next >= suggestions.length ? -1 : next;
      });
    } else if (event.key === "Escape") {
      setOpen(false);
    } else if (event.key === "Enter" && active >= 0 && suggestions[active]) {
      event.preventDefault();
      setOpen(false);
      navigate(suggestions[active].href);
    }
  }

  const showList = open && suggestions.length > 0;
  return (
    <Form method="get" action="/products" role="search" className="relative w-full" onSubmit={() => setOpen(false)}>
      <label htmlFor={`${listId}-input`} className="sr-only">
        {t("search.label")}
      </label>
      <input
        ref={input}
        id={`${listId}-input`}
        type="search"
        name="q"
        value={query}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onFocus={() => setOpen(true)}
        placeholder={t("search.placeholder")}
        autoComplete="off"
        enterKeyHint="search"
        role="combobox"
        aria-expanded={showList}
        aria-controls={`${listId}-list`}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `${listId}-option-${active}` : undefined}
        className="field rounded-full border-transparent bg-white/95 pl-10 pr-4 text-ink placeholder:text-muted"
      />
      <svg aria-hidden="true" viewBox="0 0 20 20" className="pointer-events-none absolute left-3.5 top-1/2 h-4 w-4 -translate-y-1/2 text-muted">
        <path fill="currentColor" d="M8.5 3a5.5 5.5 0 0 1 4.38 8.83l3.65 3.64-1.06 1.06-3.64-3.65A5.5 5.5 0 1 1 8.5 3Zm0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8Z" />
      </svg>
      <ul
        id={`${listId}-list`}
        role="listbox"
        aria-label={t("search.suggestions")}
        hidden={!showList}
        className="absolute inset-x-0 top-full z-30 mt-1 overflow-hidden rounded-xl bg-white py-1 text-ink shadow-lg ring-1 ring-sand-200"
      >
        {suggestions.map((suggestion, index) => (
          <li
            key={suggestion.href}
            id={`${listId}-option-${index}`}
            role="option"
            aria-selected={index === active}
            className={`cursor-pointer px-4 py-2.5 ${index === active ? "bg-sea-50" : ""}`}
            onMouseDown={(event) => {
              event.preventDefault();
              setOpen(false);
              navigate(suggestion.href);
            }}
          >
            <span className="block font-medium">{suggestion.label}</span>
            <span className="block text-xs text-muted">
              {t(`search.kind.${suggestion.kind}`)}
              {suggestion.detail ? ` · ${suggestion.detail}` : ""}
            </span>
          </li>
        ))}
      </ul>
    </Form>
  );
}
