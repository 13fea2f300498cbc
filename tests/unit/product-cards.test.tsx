import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ProductGrid, productCardsMarkup } from "~/components/product-card";
import { html } from "~/lib/html";
import { createTranslate } from "~/lib/i18n/core";
import { en } from "~/lib/i18n/messages.en";
import { id } from "~/lib/i18n/messages.id";
import { I18nProvider } from "~/lib/i18n/react";
import type { ProductCard } from "~/modules/catalog/shop/listing.server";
import { imageSources } from "~/modules/media/images";

const t = createTranslate(id, "id");

function product(overrides: Partial<ProductCard> & { slug: string }): ProductCard {
  return {
    name: "Keripik Singkong Balado",
    priceMin: 17_000,
    priceMax: 17_000,
    stock: 20,
    producer: { name: "Dapur Bu Sulastri", village: "Binor" },
    image: imageSources({ id: overrides.slug, cooperativeId: "coop-1", storage: "local", storageKey: `coop-1/${overrides.slug}`, width: 1200, height: 900, placeholderColor: "#f8e8c8" }, "", 480),
    ...overrides,
  };
}

/** The cards' text as a shopper reads it, each card's pieces in order. */
function textOf(markup: string): string[] {
  return markup
    .split("</article>")
    .filter((card) => card.includes("<article"))
    .map((card) => card.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim());
}

describe("html", () => {
  it("escapes every value, in text and in quoted attributes", () => {
    const name = `Kopi "Pak'e" <b>&</b>`;
    expect(html`<a title="${name}">${name}</a>`.markup).toBe(
      "<a title=\"Kopi &quot;Pak&#39;e&quot; &lt;b&gt;&amp;&lt;/b&gt;\">Kopi &quot;Pak&#39;e&quot; &lt;b&gt;&amp;&lt;/b&gt;</a>",
    );
  });

  it("keeps markup it wrote itself, joins lists and writes nothing for null, undefined and false", () => {
    const items = ["<1>", "2"].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}${null}${undefined}${false}${0}</ul>`.markup).toBe("<ul><li>&lt;1&gt;</li><li>2</li>0</ul>");
    expect(String(html`<b>${"x"}</b>`)).toBe("<b>x</b>");
  });
});

describe("product cards written as markup", () => {
  it("never let a member's words become markup, in a name, a producer or a village", () => {
    const hostile = product({
      slug: "keripik-pedas",
      name: `Keripik "Pedas" <img src=x onerror=alert(1)> & 'Manis'`,
      producer: { name: "<script>alert(1)</script>", village: `Binor" onmouseover="alert(1)` },
    });
    const plain = product({ slug: "keripik-pedas" });
    const markup = productCardsMarkup([hostile], { layout: "productCard", priorityCount: 0 }, t).markup;

    expect(markup).not.toMatch(/<img src=x|<script|" onmouseover/);
    expect(markup).toContain("Keripik &quot;Pedas&quot; &lt;img src=x onerror=alert(1)&gt; &amp; &#39;Manis&#39;");
    expect(markup).toContain("&lt;script&gt;alert(1)&lt;/script&gt; · Binor&quot; onmouseover=&quot;alert(1)");
    // The same tags as a card of plain words: nothing was opened or closed by the member's text.
    const tags = (text: string) => text.match(/<\/?[a-z0-9]+/g);
    expect(tags(markup)).toEqual(tags(productCardsMarkup([plain], { layout: "productCard", priorityCount: 0 }, t).markup));
  });

  it("show each product's name, producer and village, stock and price, as a link to its page", () => {
    const products = [
      product({ slug: "keripik-balado", priceMin: 12_000, priceMax: 26_000 }),
      product({ slug: "sambal-bawang", name: "Sambal Bawang", stock: 0, priceMin: 28_000, priceMax: 28_000 }),
      product({ slug: "dodol-rumput-laut", name: "Dodol Rumput Laut", stock: 3, image: null }),
    ];
    const markup = productCardsMarkup(products, { layout: "productCard", priorityCount: 0 }, t).markup;

    expect(textOf(markup)).toEqual([
      "Keripik Singkong Balado Dapur Bu Sulastri · Binor mulai Rp 12.000",
      "Habis Sambal Bawang Dapur Bu Sulastri · Binor Rp 28.000",
      "Sisa 3 Dodol Rumput Laut Dapur Bu Sulastri · Binor Rp 17.000",
    ]);
    expect([...markup.matchAll(/<a [^>]*href="([^"]+)"/g)].map((match) => match[1])).toEqual(["/p/keripik-balado", "/p/sambal-bawang", "/p/dodol-rumput-laut"]);
    expect(markup.match(/<article /g)).toHaveLength(3);
    expect(markup.match(/<img /g)).toHaveLength(2);
    expect(textOf(productCardsMarkup(products.slice(1, 3), { layout: "productCard", priorityCount: 0 }, createTranslate(en, "en")).markup)).toEqual([
      "Sold out Sambal Bawang Dapur Bu Sulastri · Binor Rp 28.000",
      "3 left Dodol Rumput Laut Dapur Bu Sulastri · Binor Rp 17.000",
    ]);
  });

  it("fetch the first photos first and the rest lazily, in the widths a card can use, with their size and a colour while loading", () => {
    const products = ["a", "b", "c"].map((slug) => product({ slug }));
    const images = productCardsMarkup(products, { layout: "productCardBesideFilters", priorityCount: 2 }, t).markup.match(/<img [^>]*>/g)!;

    expect(images.map((image) => /loading="eager" decoding="sync" fetchpriority="high"/.test(image))).toEqual([true, true, false]);
    expect(images[2]).toContain('loading="lazy" decoding="async"');
    expect(images[0]).toContain('srcset="/media/coop-1/a/w160 160w, /media/coop-1/a/w320 320w, /media/coop-1/a/w480 480w, /media/coop-1/a/w640 640w"');
    expect(images[0]).toContain('src="/media/coop-1/a/w480.webp"');
    expect(images[0]).toContain('sizes="(min-width: 72rem) 12.125rem,');
    expect(images[0]).toContain('width="1200" height="900" alt=""');
    expect(images[0]).toContain('style="background-color:#f8e8c8"');
  });

  it("leave out a placeholder that is not a colour", () => {
    const odd = product({ slug: "odd" });
    odd.image = { ...odd.image!, placeholder: "red;background-image:url(https://example.com/t)" };
    expect(productCardsMarkup([odd], { layout: "productCard", priorityCount: 0 }, t).markup).not.toContain("style=");
  });

  it("stand in a labelled list, the one React writes around them", () => {
    const page = renderToStaticMarkup(
      <I18nProvider locale="id" messages={id}>
        <ProductGrid products={[product({ slug: "keripik-balado" })]} label="Semua produk" />
      </I18nProvider>,
    );
    expect(page).toMatch(/^<ul class="[^"]*" aria-label="Semua produk"><li [^>]*><article /);
    expect(textOf(page)).toEqual(["Keripik Singkong Balado Dapur Bu Sulastri · Binor Rp 17.000"]);
  });
});
