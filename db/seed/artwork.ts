import type { ArtworkShape, DemoMember, DemoProduct } from "./types";

/**
 * Demo photographs drawn as SVG: the product on a table, the front of its pack, and its back label with
 * the label facts. Pure and deterministic, so the demo looks the same on every machine with no downloads.
 */

const FONT = "DejaVu Sans, Noto Sans, Arial, sans-serif";
type Colors = [string, string, string];

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);
}

/** Greedy word wrap by character count (a fair stand-in for measuring text in a fixed-size scene). */
export function wrap(text: string, width: number, maxLines = Infinity): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && (line + " " + word).length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1]!.replace(/[.,;:]?$/, "")}…`;
    return kept;
  }
  return lines;
}

function hash(text: string): number {
  let h = 2166136261;
  for (const char of text) h = Math.imul(h ^ char.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** A small deterministic random stream, seeded by a product's slug. */
function random(seed: string) {
  let state = hash(seed) || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) % 10_000) / 10_000;
  };
}

function luminance(hex: string): number {
  const value = Number.parseInt(hex.replace("#", "").padEnd(6, "0").slice(0, 6), 16);
  const channel = (shift: number) => ((value >> shift) & 255) / 255;
  return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
}

/** The darkest of a palette, darkened further when still too light to read on white. */
function ink(colors: readonly string[]): string {
  const darkest = [...colors].sort((a, b) => luminance(a) - luminance(b))[0] ?? "#2a211b";
  return luminance(darkest) < 0.35 ? darkest : "#2a211b";
}

function textLines(lines: string[], x: number, y: number, size: number, options: { fill?: string; weight?: number; anchor?: string; lineHeight?: number } = {}) {
  const lineHeight = options.lineHeight ?? size * 1.3;
  return lines
    .map(
      (line, index) =>
        `<text x="${x}" y="${y + index * lineHeight}" font-family="${FONT}" font-size="${size}" font-weight="${options.weight ?? 400}" fill="${options.fill ?? "#2a211b"}" text-anchor="${options.anchor ?? "start"}">${escapeXml(line)}</text>`,
    )
    .join("");
}

function scene(content: string, wall: string, seed: string): string {
  const rnd = random(`${seed}-table`);
  const planks = Array.from({ length: 5 }, (_, i) => {
    const y = 780 + i * 90 + rnd() * 20;
    return `<path d="M0 ${y} C 300 ${y + 8}, 900 ${y - 8}, 1200 ${y + 4}" stroke="#6b4226" stroke-opacity="0.25" stroke-width="3" fill="none"/>`;
  }).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="1200" viewBox="0 0 1200 1200">
<defs>
  <linearGradient id="wall" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${wall}" stop-opacity="0.35"/><stop offset="1" stop-color="#fbf8f3"/></linearGradient>
  <linearGradient id="wood" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#b98559"/><stop offset="1" stop-color="#8a5a36"/></linearGradient>
  <radialGradient id="light" cx="0.35" cy="0.25" r="0.8"><stop offset="0" stop-color="#fff" stop-opacity="0.45"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient>
  <linearGradient id="gloss" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#fff" stop-opacity="0"/><stop offset="0.2" stop-color="#fff" stop-opacity="0.35"/><stop offset="0.32" stop-color="#fff" stop-opacity="0"/></linearGradient>
</defs>
<rect width="1200" height="1200" fill="#fbf8f3"/>
<rect width="1200" height="760" fill="url(#wall)"/>
<rect y="740" width="1200" height="460" fill="url(#wood)"/>
${planks}
<ellipse cx="600" cy="1010" rx="380" ry="46" fill="#3b2616" fill-opacity="0.28"/>
${content}
<rect width="1200" height="1200" fill="url(#light)"/>
</svg>`;
}

/** The body of each kind of pack, drawn around (600, 640), with an optional label panel inside. */
function packShape(shape: ArtworkShape, colors: Colors, seed: string, label: string): string {
  const [main, accent, dark] = colors;
  const rnd = random(seed);
  switch (shape) {
    case "pouch":
      return `<path d="M360 280 H840 L870 1000 Q600 1030 330 1000 Z" fill="${main}"/>
<rect x="360" y="280" width="480" height="46" fill="${dark}" fill-opacity="0.55"/>
<path d="M360 340 H840" stroke="#fff" stroke-opacity="0.5" stroke-width="4" stroke-dasharray="14 10"/>
<path d="M360 280 H840 L870 1000 Q600 1030 330 1000 Z" fill="url(#gloss)"/>${label}`;
    case "jar":
      return `<rect x="400" y="250" width="400" height="120" rx="22" fill="${dark}"/>
<rect x="410" y="300" width="380" height="14" fill="#000" fill-opacity="0.15"/>
<rect x="370" y="360" width="460" height="650" rx="70" fill="${main}"/>
<rect x="370" y="360" width="460" height="650" rx="70" fill="url(#gloss)"/>
<rect x="370" y="360" width="460" height="650" rx="70" fill="none" stroke="#fff" stroke-opacity="0.4" stroke-width="8"/>${label}`;
    case "bottle":
      return `<rect x="545" y="200" width="110" height="90" rx="14" fill="${dark}"/>
<path d="M555 290 H645 V380 Q780 420 780 520 V990 Q600 1020 420 990 V520 Q420 420 555 380 Z" fill="${main}"/>
<path d="M555 290 H645 V380 Q780 420 780 520 V990 Q600 1020 420 990 V520 Q420 420 555 380 Z" fill="url(#gloss)"/>${label}`;
    case "box":
      return `<path d="M320 400 L420 300 H900 L800 400 Z" fill="${accent}"/>
<path d="M800 400 L900 300 V900 L800 1000 Z" fill="${dark}"/>
<rect x="320" y="400" width="480" height="600" fill="${main}"/>${label}`;
    case "bag": {
      const crackers = Array.from({ length: 14 }, () => {
        const x = 400 + rnd() * 400;
        const y = 420 + rnd() * 520;
        return `<ellipse cx="${x}" cy="${y}" rx="${60 + rnd() * 30}" ry="${40 + rnd() * 20}" transform="rotate(${rnd() * 180} ${x} ${y})" fill="${accent}" stroke="${dark}" stroke-opacity="0.2" stroke-width="3"/>`;
      }).join("");
      return `<path d="M350 330 Q600 290 850 330 L880 1000 Q600 1030 320 1000 Z" fill="#ffffff" fill-opacity="0.55"/>
${crackers}
<path d="M350 330 Q600 290 850 330 L880 1000 Q600 1030 320 1000 Z" fill="#ffffff" fill-opacity="0.25" stroke="#ffffff" stroke-width="6"/>
<rect x="340" y="300" width="520" height="50" rx="10" fill="${main}"/>${label}`;
    }
    case "bar":
      return `<rect x="330" y="520" width="540" height="420" rx="24" fill="${dark}"/>
<path d="M330 560 Q600 470 870 560 V900 Q600 980 330 900 Z" fill="${main}"/>
<path d="M330 560 Q600 470 870 560" stroke="${accent}" stroke-width="10" fill="none"/>${label}`;
    case "cloth": {
      const stripes = Array.from({ length: 9 }, (_, i) =>
        `<path d="M300 ${470 + i * 60} q 50 -30 100 0 t 100 0 t 100 0 t 100 0 t 100 0 t 100 0" stroke="${i % 2 ? accent : dark}" stroke-width="12" fill="none" stroke-linecap="round"/>`,
      ).join("");
      return `<rect x="280" y="420" width="640" height="560" rx="26" fill="${main}"/>
<g clip-path="inset(0)">${stripes}</g>
<rect x="280" y="420" width="640" height="80" rx="26" fill="${dark}" fill-opacity="0.25"/>
<path d="M280 700 H920" stroke="#000" stroke-opacity="0.12" stroke-width="6"/>${label}`;
    }
    case "basket": {
      const weave = Array.from({ length: 12 }, (_, i) =>
        `<path d="M${330 + i * 50} 560 L${360 + i * 46} 990" stroke="${dark}" stroke-opacity="0.35" stroke-width="8"/><path d="M320 ${600 + i * 34} H880" stroke="${accent}" stroke-opacity="0.6" stroke-width="10"/>`,
      ).join("");
      return `<path d="M320 560 H880 L820 990 Q600 1020 380 990 Z" fill="${main}"/>${weave}
<path d="M380 560 Q600 260 820 560" stroke="${dark}" stroke-width="26" fill="none"/>${label}`;
    }
    case "shell": {
      const shells = Array.from({ length: 5 }, (_, i) => {
        const x = 380 + i * 110 + rnd() * 30;
        const y = 760 + rnd() * 120 - (i % 2) * 90;
        const size = 90 + rnd() * 60;
        const ribs = Array.from({ length: 7 }, (_, r) => {
          const angle = -70 + r * 23;
          return `<path d="M0 0 L ${Math.sin((angle * Math.PI) / 180) * size} ${-Math.cos((angle * Math.PI) / 180) * size}" stroke="${dark}" stroke-opacity="0.35" stroke-width="5"/>`;
        }).join("");
        return `<g transform="translate(${x} ${y}) rotate(${rnd() * 40 - 20})"><path d="M0 0 L ${-size * 0.95} ${-size * 0.35} A ${size} ${size} 0 0 1 ${size * 0.95} ${-size * 0.35} Z" fill="${i % 2 ? main : accent}"/>${ribs}</g>`;
      }).join("");
      return `<rect x="330" y="330" width="540" height="420" rx="20" fill="${dark}" fill-opacity="0.85"/>
<rect x="360" y="360" width="480" height="360" rx="10" fill="${accent}" fill-opacity="0.5"/>
${shells}${label}`;
    }
  }
}

/** Loose goods beside the pack in the "product" photo: chips, chillies, crackers, beans… */
function spill(shape: ArtworkShape, colors: Colors, seed: string): string {
  const rnd = random(`${seed}-spill`);
  const [main, accent, dark] = colors;
  if (shape === "cloth" || shape === "basket" || shape === "shell") return "";
  return Array.from({ length: 16 }, () => {
    const left = rnd() < 0.5;
    const x = left ? 120 + rnd() * 220 : 880 + rnd() * 220;
    const y = 930 + rnd() * 150;
    const r = 22 + rnd() * 26;
    const fill = shape === "jar" || shape === "bottle" ? (rnd() < 0.5 ? dark : main) : accent;
    return `<ellipse cx="${x}" cy="${y}" rx="${r * 1.3}" ry="${r * 0.75}" transform="rotate(${rnd() * 90} ${x} ${y})" fill="${fill}" stroke="${main}" stroke-opacity="0.3" stroke-width="3"/>`;
  }).join("");
}

function frontLabel(product: DemoProduct, brand: string): string {
  const dark = ink(product.artwork.colors);
  const main = dark;
  const nameLines = wrap(product.nameId, 15, 3);
  const isFood = product.registrationType !== "none";
  const halal = product.halalCertificateNumber
    ? `<circle cx="740" cy="840" r="52" fill="#fff" stroke="#1f7a3a" stroke-width="7"/>${textLines(["HALAL"], 740, 850, 22, { anchor: "middle", weight: 700, fill: "#1f7a3a" })}`
    : "";
  return `<rect x="420" y="410" width="360" height="470" rx="26" fill="#fffdf8" stroke="${dark}" stroke-width="6"/>
${textLines(wrap(brand.toUpperCase(), 18, 1), 590, 470, 22, { anchor: "middle", weight: 700, fill: main })}
<path d="M470 495 H730" stroke="${main}" stroke-width="4"/>
${textLines(nameLines, 600, 565, 36, { anchor: "middle", weight: 700, fill: dark, lineHeight: 46 })}
${textLines(wrap(product.artwork.motif ?? product.nameEn, 22, 2), 600, 740, 24, { anchor: "middle", fill: "#6b5d52" })}
${textLines([isFood ? `Netto ${product.netQuantity}` : product.sizeText], 450, 850, 24, { weight: 700, fill: dark })}
${halal}`;
}

function craftTag(product: DemoProduct, brand: string): string {
  const dark = ink(product.artwork.colors);
  return `<path d="M880 300 L940 360" stroke="#6b4226" stroke-width="4"/>
<rect x="840" y="350" width="250" height="300" rx="18" fill="#fffdf8" stroke="${dark}" stroke-width="5" transform="rotate(8 965 500)"/>
<g transform="rotate(8 965 500)">
${textLines(wrap(brand, 16, 2), 965, 420, 24, { anchor: "middle", weight: 700, fill: dark })}
${textLines(wrap(product.nameId, 18, 3), 965, 500, 20, { anchor: "middle" })}
${textLines(["Buatan tangan", "Probolinggo"], 965, 590, 18, { anchor: "middle", fill: "#6b5d52" })}
</g>`;
}

function backLabel(product: DemoProduct, brand: string): string {
  const isFood = product.registrationType !== "none";
  const production = `${String.fromCharCode(65 + (hash(product.slug) % 26))}${(hash(product.slug) % 900) + 100}`;
  const registration =
    product.registrationType === "pirt"
      ? `P-IRT No. ${product.registrationNumber}`
      : product.registrationType === "bpom_md" || product.registrationType === "bpom_ml"
        ? `BPOM RI ${product.registrationNumber}`
        : "";
  const rows: [string, string][] = isFood
    ? [
        ["Komposisi", product.ingredientsId],
        ["Berat bersih", product.netQuantity],
        ["Alergen", product.allergensId || "-"],
        ["Izin edar", registration],
        ["Sertifikat halal", product.halalCertificateNumber ?? "-"],
        ["Kode produksi", production],
        ["Baik digunakan sebelum", "lihat tanggal pada kemasan"],
        ["Penyimpanan", product.storageId],
      ]
    : [
        ["Bahan", product.materialId],
        ["Ukuran", product.sizeText],
        ["Perawatan", product.careId],
        ["Asal", "Kabupaten Probolinggo, Jawa Timur"],
      ];
  let y = 340;
  const body = rows
    .map(([term, value]) => {
      const lines = wrap(value || "-", 52, 3);
      const block = textLines([term], 300, y, 23, { weight: 700 }) + textLines(lines, 300, y + 30, 21, { fill: "#3d332b", lineHeight: 27 });
      y += 30 + lines.length * 27 + 14;
      return block;
    })
    .join("");
  const producer = wrap(`Diproduksi oleh ${brand}, ${product.producerAddress}`, 56, 3);
  const height = Math.max(700, y + producer.length * 26 - 150);
  return `<rect x="240" y="170" width="720" height="${height}" rx="16" fill="#fffef9" stroke="#d8cbb5" stroke-width="4" transform="rotate(-1.5 600 600)"/>
<g transform="rotate(-1.5 600 600)">
${textLines(wrap(product.nameId, 34, 2), 300, 250, 32, { weight: 700, fill: ink(product.artwork.colors) })}
${body}
${textLines(producer, 300, y + 10, 20, { fill: "#6b5d52", lineHeight: 26 })}
</g>`;
}

export function productArtworkSvg(product: DemoProduct, role: "product" | "packaging_front" | "label_back"): string {
  const { shape, colors } = product.artwork;
  const brand = brandName(product);
  if (role === "label_back") return scene(backLabel(product, brand), colors[1], product.slug);
  const isCraft = product.registrationType === "none";
  if (role === "packaging_front") {
    const label = isCraft ? "" : frontLabel(product, brand);
    return scene(packShape(shape, colors, product.slug, label) + (isCraft ? craftTag(product, brand) : ""), colors[0], product.slug);
  }
  const smallLabel = isCraft
    ? ""
    : `<rect x="470" y="560" width="260" height="170" rx="18" fill="#fffdf8" fill-opacity="0.92"/>${textLines(wrap(product.nameId, 14, 3), 600, 620, 28, { anchor: "middle", weight: 700, fill: ink(colors), lineHeight: 36 })}`;
  return scene(packShape(shape, colors, product.slug, smallLabel) + spill(shape, colors, product.slug), colors[1], product.slug);
}

/** The brand printed on a pack, from the member's slug ("dapur-bu-sulastri" → "Dapur Bu Sulastri"). */
function brandName(product: DemoProduct): string {
  return product.memberSlug
    .split("-")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
}

export function memberPortraitSvg(member: DemoMember): string {
  const [a, b] = member.palette;
  const initials = member.ownerName
    .replace(/^(Ibu|Bu|Mbak|Hj\.?|Nyai)\s+/i, "")
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => word.charAt(0).toUpperCase())
    .join("");
  const waves = Array.from({ length: 6 }, (_, i) =>
    `<path d="M0 ${560 + i * 40} q 67 -30 133 0 t 133 0 t 133 0 t 133 0 t 133 0 t 133 0" stroke="#fff" stroke-opacity="${0.12 + i * 0.03}" stroke-width="10" fill="none"/>`,
  ).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${a}"/><stop offset="1" stop-color="${b}"/></linearGradient></defs>
<rect width="800" height="800" fill="url(#g)"/>
${waves}
<circle cx="400" cy="340" r="190" fill="#fffdf8"/>
${textLines([initials], 400, 405, 170, { anchor: "middle", weight: 700, fill: a })}
${textLines([member.village], 400, 660, 46, { anchor: "middle", weight: 700, fill: "#fff" })}
</svg>`;
}

export function cooperativeHeroSvg(name: string): string {
  const rnd = random(name);
  const goods = Array.from({ length: 9 }, (_, i) => {
    const x = 980 + (i % 3) * 120;
    const y = 560 + Math.floor(i / 3) * 70;
    const colors = ["#c2562d", "#e0a526", "#19737a", "#8a3b63", "#4f7a28"];
    return `<rect x="${x}" y="${y}" width="90" height="60" rx="8" fill="${colors[Math.floor(rnd() * colors.length)]}"/>`;
  }).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900" viewBox="0 0 1600 900">
<defs>
  <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f4a261"/><stop offset="0.55" stop-color="#f7d6a8"/><stop offset="1" stop-color="#bfe3e0"/></linearGradient>
  <linearGradient id="sea" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#19737a"/><stop offset="1" stop-color="#0b3538"/></linearGradient>
</defs>
<rect width="1600" height="900" fill="url(#sky)"/>
<circle cx="420" cy="360" r="110" fill="#fde2b8"/>
<rect y="400" width="1600" height="260" fill="url(#sea)"/>
${Array.from({ length: 8 }, (_, i) => `<path d="M${i * 220 - 40} ${470 + (i % 3) * 50} q 40 -14 80 0 t 80 0" stroke="#d3ebe8" stroke-opacity="0.5" stroke-width="5" fill="none"/>`).join("")}
<path d="M0 640 Q400 590 800 630 T1600 610 V900 H0 Z" fill="#ebdfcb"/>
<path d="M200 900 Q230 700 300 520" stroke="#6b4226" stroke-width="26" fill="none"/>
${Array.from({ length: 6 }, (_, i) => `<path d="M300 520 q ${-180 + i * 70} ${-60 + (i % 2) * 40} ${-220 + i * 90} ${40 + (i % 3) * 30}" stroke="#2f6b3a" stroke-width="30" fill="none" stroke-linecap="round"/>`).join("")}
<rect x="940" y="520" width="460" height="260" fill="#8a5a36"/>
<path d="M900 520 L1170 400 L1440 520 Z" fill="#c2562d"/>
${goods}
<rect x="940" y="760" width="460" height="30" fill="#6b4226"/>
</svg>`;
}
