import { INERT_MODULE_TYPE, INERT_PRELOAD_REL, LATE_SCRIPTS_HOLDER_ID } from "./scripts-after-paint";

/** The server's half of decision 42: the page's HTML with its module script and module preloads inert. */

const rewrites: [from: Buffer, to: Buffer][] = [
  [Buffer.from('<link rel="modulepreload"'), Buffer.from(`<link rel="${INERT_PRELOAD_REL}"`)],
  [Buffer.from(' type="module" async="">'), Buffer.from(` type="${INERT_MODULE_TYPE}">`)],
];

/**
 * Makes the page's module scripts and module preloads inert in a piece of HTML. React escapes `<` and `"` in
 * text and attribute values, and Remix `<` in its inline data, so these patterns only ever match real tags.
 * Works on bytes (a page is about 100 KB; decoding it to a string to search it cost more than rendering it).
 */
export function inertPageScripts(html: Buffer): Buffer {
  // Each pattern is looked for in one pass over the page; the places found are then rewritten in page order.
  const found: { at: number; rewrite: [Buffer, Buffer] }[] = [];
  for (const rewrite of rewrites) {
    for (let at = html.indexOf(rewrite[0]); at >= 0; at = html.indexOf(rewrite[0], at + rewrite[0].length)) found.push({ at, rewrite });
  }
  if (found.length === 0) return html;
  found.sort((a, b) => a.at - b.at);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const { at, rewrite } of found) {
    pieces.push(html.subarray(from, at), rewrite[1]);
    from = at + rewrite[0].length;
  }
  pieces.push(html.subarray(from));
  return Buffer.concat(pieces);
}

/**
 * Runs in the page, as an inline classic script. Only the server writes it (the browser reads it back from the
 * page, see ScriptsAfterPaint), so its source is not in the shop's JavaScript. The scripts start once the page's
 * high-priority photo has been painted (the browser reports it as the largest paint), or after the load event and a
 * frame on a page without one. At the latest they start `fallbackMs` after the load event (a browser that does not
 * report largest paints, a photo that is not the largest thing shown) or after the HTML was read (a photo that never
 * finishes must not keep the page lifeless).
 *
 * Each module preload, and then the module script, is added in a task of its own (a message to itself): adding a
 * preload starts a request, which the renderer does on its main thread, and the seven of a listing in one go were a
 * task of 3–38 ms (12–150 at a phone's speed, Lighthouse's 4x) that held the page while it did nothing else.
 */
export function lateScriptsLoader(fallbackMs = 1000, lastResortMs = 3000): string {
  return `(function(){
var started=false;
function start(){if(started)return;started=true;
var holder=document.getElementById(${JSON.stringify(LATE_SCRIPTS_HOLDER_ID)});var seen={};var added=[];
document.querySelectorAll('link[rel=${JSON.stringify(INERT_PRELOAD_REL)}]').forEach(function(inert){var href=inert.getAttribute("href");if(!href||seen[href])return;seen[href]=true;var link=document.createElement("link");link.rel="modulepreload";link.href=href;added.push(link);});
document.querySelectorAll('script[type=${JSON.stringify(INERT_MODULE_TYPE)}]').forEach(function(inert){var script=document.createElement("script");script.type="module";script.nonce=inert.nonce;script.textContent=inert.textContent;added.push(script);});
var channel=new MessageChannel();channel.port1.onmessage=function(){holder.appendChild(added.shift());if(added.length)channel.port2.postMessage(0);else channel.port1.close();};
if(added.length)channel.port2.postMessage(0);}
function afterFrame(){requestAnimationFrame(function(){setTimeout(start,0);});setTimeout(start,100);}
function photoPainted(photo){try{new PerformanceObserver(function(list){if(list.getEntries().some(function(entry){return entry.element===photo;}))setTimeout(start,0);}).observe({type:"largest-contentful-paint",buffered:true});}catch(error){}}
function loaded(){var photo=document.querySelector('img[fetchpriority="high"]');if(photo)photoPainted(photo);else afterFrame();setTimeout(start,${fallbackMs});}
if(document.readyState==="complete")loaded();else addEventListener("load",loaded);
document.addEventListener("DOMContentLoaded",function(){setTimeout(start,${lastResortMs});});
})();`.replace(/\n/g, "");
}
