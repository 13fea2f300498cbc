/**
 * A shopper's browsing pages work before they hydrate (links are links, forms post), so their scripts wait
 * until the page has painted with its photos (decision 42): on a phone over a weak connection the photo a
 * shopper came for does not share the bandwidth or the processor with the code that makes the page lively.
 *
 * The server writes Remix's module script and its module preloads inert (an unknown script type, an unknown
 * link relation) and the page carries a small loader that, after the load event and the next frame, adds
 * live copies of them to a holder React leaves alone. The page's elements stay as React rendered them, so
 * hydration matches.
 */

import type { DictionaryPart } from "./i18n/dictionaries";

export const INERT_MODULE_TYPE = "text/x-etalase-module";
export const INERT_PRELOAD_REL = "x-etalase-modulepreload";
export const LATE_SCRIPTS_HOLDER_ID = "etalase-late-scripts";

/**
 * Runs in the page, as an inline classic script. The scripts start once the page's high-priority photo has
 * been painted (the browser reports it as the largest paint), or after the load event and a frame on a page
 * without one. At the latest they start `fallbackMs` after the load event (a browser that does not report
 * largest paints, a photo that is not the largest thing shown) or after the HTML was read (a photo that never
 * finishes must not keep the page lifeless).
 */
export function lateScriptsLoader(fallbackMs = 1000, lastResortMs = 3000): string {
  return `(function(){
var started=false;
function start(){if(started)return;started=true;
var holder=document.getElementById(${JSON.stringify(LATE_SCRIPTS_HOLDER_ID)});var seen={};
document.querySelectorAll('link[rel=${JSON.stringify(INERT_PRELOAD_REL)}]').forEach(function(inert){var href=inert.getAttribute("href");if(!href||seen[href])return;seen[href]=true;var link=document.createElement("link");link.rel="modulepreload";link.href=href;holder.appendChild(link);});
document.querySelectorAll('script[type=${JSON.stringify(INERT_MODULE_TYPE)}]').forEach(function(inert){var script=document.createElement("script");script.type="module";script.nonce=inert.nonce;script.textContent=inert.textContent;holder.appendChild(script);});}
function afterFrame(){requestAnimationFrame(function(){setTimeout(start,0);});setTimeout(start,100);}
function photoPainted(photo){try{new PerformanceObserver(function(list){if(list.getEntries().some(function(entry){return entry.element===photo;}))setTimeout(start,0);}).observe({type:"largest-contentful-paint",buffered:true});}catch(error){}}
function loaded(){var photo=document.querySelector('img[fetchpriority="high"]');if(photo)photoPainted(photo);else afterFrame();setTimeout(start,${fallbackMs});}
if(document.readyState==="complete")loaded();else addEventListener("load",loaded);
document.addEventListener("DOMContentLoaded",function(){setTimeout(start,${lastResortMs});});
})();`.replace(/\n/g, "");
}

/** Whether a page is one of a shopper's browsing pages, from its dictionary parts: it needs only the shop's words. */
export function paintsBeforeScripts(parts: readonly DictionaryPart[]): boolean {
  return parts.length === 1 && parts[0] === "shop";
}
