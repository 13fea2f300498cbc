import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import type { ImageRole } from "~/modules/catalog/shop/product.server";
import type { ImageSources } from "~/modules/media/images";
import { useI18n } from "~/lib/i18n/react";
import { photoAlt } from "./photo-alt";
import { imageSizes, imageWidest, ResponsiveImage } from "./responsive-image";

type GalleryImage = ImageSources & { role: ImageRole };

/**
 * Swipeable on phones (CSS scroll snap), thumbnails that bring a photo into the strip without moving the
 * page, and a full-screen viewer (a native modal `<dialog>`) to read a back label: swipe, arrow keys or
 * buttons between photos, tap or "Perbesar" to zoom, pinch as anywhere on the phone, Escape or "Tutup" to
 * close and back to where the shopper was. No library: the product page's JavaScript is measured.
 */
export function ProductGallery(props: { images: GalleryImage[] }) {
  const { t } = useI18n();
  const strip = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const [current, setCurrent] = useState(0);
  const [viewing, setViewing] = useState<number | null>(null);
  if (props.images.length === 0) return <div className="aspect-square rounded-2xl bg-sand-100" />;

  const alts = props.images.map((image) => photoAlt(image.alt, t(`imageRole.${image.role}`)));
  // Scrolling the strip itself (not scrollIntoView, not the #photo-N anchor): the page stays where it is.
  const show = (index: number) => {
    const element = strip.current;
    if (element) element.scrollTo({ left: index * element.clientWidth, behavior: "smooth" });
  };
  const open = (index: number, from: HTMLElement) => {
    opener.current = from;
    setViewing(index);
  };
  const close = (last: number) => {
    setViewing(null);
    // The strip follows the viewer: the shopper comes back to the photo they were looking at.
    const element = strip.current;
    if (element) element.scrollTo({ left: last * element.clientWidth });
    opener.current?.focus();
  };

  return (
    <div>
      <div className="relative">
        {/* Focusable so keyboard users can scroll the photos with the arrow keys. */}
        <div
          ref={strip}
          role="region"
          aria-label={t("product.photos")}
          tabIndex={0}
          onScroll={(event) => setCurrent(Math.round(event.currentTarget.scrollLeft / Math.max(1, event.currentTarget.clientWidth)))}
          className="overflow-x-auto rounded-2xl bg-sand-100 [scrollbar-width:none] snap-x snap-mandatory"
        >
          <ul className="flex">
            {props.images.map((image, index) => (
              <li key={image.src} id={`photo-${index + 1}`} className="w-full shrink-0 snap-center">
                <ResponsiveImage
                  image={image}
                  sizes={imageSizes.productGallery}
                  priority={index === 0}
                  alt={alts[index]}
                  className="aspect-square w-full cursor-zoom-in object-cover"
                  onClick={(event: MouseEvent<HTMLImageElement>) => open(index, event.currentTarget.closest<HTMLElement>("[role=region]") ?? event.currentTarget)}
                />
              </li>
            ))}
          </ul>
        </div>
        <button
          type="button"
          onClick={(event) => open(current, event.currentTarget)}
          className="absolute bottom-3 right-3 inline-flex min-h-11 items-center gap-1.5 rounded-full bg-ink/75 px-4 text-sm font-semibold text-white backdrop-blur-sm hover:bg-ink/90"
        >
          <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
            <circle cx="10.5" cy="10.5" r="6.5" />
            <path d="M15.5 15.5 21 21M10.5 7.5v6M7.5 10.5h6" />
          </svg>
          {t("gallery.zoom")}
        </button>
      </div>
      {props.images.length > 1 ? (
        <ul className="mt-3 flex gap-2 overflow-x-auto" aria-label={t("product.thumbnails")}>
          {props.images.map((image, index) => (
            <li key={image.src}>
              {/* A link to the photo without JavaScript; with it, the strip scrolls and the page does not jump. */}
              <a
                href={`#photo-${index + 1}`}
                aria-current={index === current ? "true" : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  show(index);
                }}
                className="block h-16 w-16 overflow-hidden rounded-lg ring-1 ring-sand-300 hover:ring-sea-600 [&[aria-current]]:ring-2 [&[aria-current]]:ring-sea-700"
              >
                <ResponsiveImage image={image} sizes="4rem" widest={imageWidest.thumbnail} alt={t("product.photoN", { n: index + 1, role: t(`imageRole.${image.role}`) })} className="h-full w-full object-cover" />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {viewing === null ? null : <PhotoViewer images={props.images} alts={alts} start={viewing} onClose={close} />}
    </div>
  );
}

/** The full-screen viewer: a modal dialog (focus stays inside; the page behind is inert), made only when opened. */
function PhotoViewer(props: { images: GalleryImage[]; alts: string[]; start: number; onClose: (last: number) => void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const strip = useRef<HTMLUListElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const [index, setIndex] = useState(props.start);
  const [zoomed, setZoomed] = useState(false);
  const last = props.images.length - 1;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    element.showModal();
    // React's autoFocus runs before the dialog is open; the close button takes the focus once it is.
    closeButton.current?.focus();
    strip.current?.scrollTo({ left: props.start * strip.current.clientWidth });
    return () => {
      if (element.open) element.close();
    };
  }, [props.start]);

  // Round from the last photo to the first (the buttons never go disabled under the keyboard user's focus).
  const go = (next: number) => {
    const target = (next + props.images.length) % props.images.length;
    setZoomed(false);
    strip.current?.scrollTo({ left: target * strip.current.clientWidth, behavior: "smooth" });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    // A modal dialog makes the page behind inert, but Tab from its last button would leave for the browser's own
    // bar: it goes round inside instead.
    const buttons = [...(dialog.current?.querySelectorAll<HTMLElement>("button, [tabindex='0']") ?? [])];
    const edge = event.shiftKey ? buttons[0] : buttons[buttons.length - 1];
    if (event.key === "Tab" && edge && document.activeElement === edge) {
      event.preventDefault();
      (event.shiftKey ? buttons[buttons.length - 1] : buttons[0])?.focus();
    }
    // Magnified, the arrow keys pan the photo (its box takes the focus); otherwise they go between photos.
    if (!zoomed && (event.key === "ArrowRight" || event.key === "ArrowLeft")) {
      event.preventDefault();
      go(index + (event.key === "ArrowRight" ? 1 : -1));
    }
  };
  const image = props.images[index]!;

  return (
    <dialog
      ref={dialog}
      aria-label={t("product.photos")}
      onKeyDown={onKeyDown}
      // Escape and the close button both end here (the dialog's own close event).
      onClose={() => props.onClose(index)}
      className="m-0 h-dvh max-h-none w-screen max-w-none overflow-hidden bg-ink p-0 text-white backdrop:bg-ink"
    >
      <div className="flex h-full flex-col">
        <div className="flex items-center gap-2 p-2">
          <p className="flex-1 px-2 text-sm" aria-live="polite">
            {t("gallery.position", { n: index + 1, total: props.images.length, role: t(`imageRole.${image.role}`) })}
          </p>
          <button
            type="button"
            aria-pressed={zoomed}
            onClick={() => setZoomed(!zoomed)}
            className="min-h-11 rounded-full px-4 text-sm font-semibold ring-1 ring-white/40 hover:bg-white/10 aria-pressed:bg-white aria-pressed:text-ink"
          >
            {t("gallery.magnify")}
          </button>
          <button ref={closeButton} type="button" onClick={() => dialog.current?.close()} className="inline-flex min-h-11 items-center gap-1 rounded-full px-4 text-sm font-semibold ring-1 ring-white/40 hover:bg-white/10">
            <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
              <path d="M6 6l12 12M18 6 6 18" />
            </svg>
            {t("gallery.close")}
          </button>
        </div>
        <ul
          ref={strip}
          tabIndex={0}
          aria-label={t("product.photos")}
          onScroll={(event) => setIndex(Math.min(last, Math.round(event.currentTarget.scrollLeft / Math.max(1, event.currentTarget.clientWidth))))}
          className="flex min-h-0 flex-1 snap-x snap-mandatory overflow-x-auto [scrollbar-width:none]"
        >
          {props.images.map((photo, position) => {
            const magnified = zoomed && position === index;
            return (
              <li key={photo.src} tabIndex={magnified ? 0 : undefined} className={`h-full w-full shrink-0 snap-center overscroll-contain ${magnified ? "overflow-auto" : "flex items-center justify-center overflow-hidden"}`}>
                <ResponsiveImage
                  image={photo}
                  sizes={magnified ? "250vw" : "100vw"}
                  priority={position === props.start}
                  alt={props.alts[position]}
                  onClick={() => position === index && setZoomed(!zoomed)}
                  className={magnified ? "h-auto w-[250%] max-w-none cursor-zoom-out" : "max-h-full max-w-full cursor-zoom-in object-contain"}
                />
              </li>
            );
          })}
        </ul>
        {props.images.length > 1 ? (
          <div className="flex items-center justify-between gap-2 p-2">
            <button type="button" onClick={() => go(index - 1)} className="min-h-11 rounded-full px-4 text-sm font-semibold ring-1 ring-white/40 hover:bg-white/10">
              <span aria-hidden="true">← </span>
              {t("gallery.previous")}
            </button>
            <button type="button" onClick={() => go(index + 1)} className="min-h-11 rounded-full px-4 text-sm font-semibold ring-1 ring-white/40 hover:bg-white/10">
              {t("gallery.next")}
              <span aria-hidden="true"> →</span>
            </button>
          </div>
        ) : null}
      </div>
    </dialog>
  );
}
