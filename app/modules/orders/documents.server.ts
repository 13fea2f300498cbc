import bwipjs from "bwip-js/node";
import PDFDocument from "pdfkit";
import { formatRupiah } from "~/lib/money";
import type { Order, OrderLine } from "./orders.server";

export type OrderDocument = "slip" | "label" | "receipt";

export interface DocumentInput {
  kind: OrderDocument;
  order: Order;
  lines: OrderLine[];
  cooperative: { name: string; legalName: string; address: string; phone: string };
  /** Already formatted in the cooperative's time zone. */
  placedAt: string;
  paidAt: string | null;
  /** Refunded so far (receipt). */
  refunded: number;
  locale: "id" | "en";
}

const words = {
  id: {
    slip: "SLIP PENGEPAKAN",
    label: "LABEL PENGIRIMAN",
    receipt: "KUITANSI",
    order: "Pesanan",
    placed: "Dipesan",
    paid: "Dibayar",
    to: "Kepada",
    from: "Dari",
    item: "Barang",
    qty: "Jml",
    amount: "Jumlah",
    shipping: "Ongkos kirim",
    total: "Total",
    refunded: "Dikembalikan",
    courier: "Kurir",
    tracking: "No. resi",
    pickup: "Diambil di gerai koperasi",
    received: "Telah diterima dari",
    sum: "Uang sejumlah",
    thanks: "Terima kasih telah berbelanja produk anggota koperasi.",
  },
  en: {
    slip: "PACKING SLIP",
    label: "SHIPPING LABEL",
    receipt: "RECEIPT",
    order: "Order",
    placed: "Placed",
    paid: "Paid",
    to: "To",
    from: "From",
    item: "Item",
    qty: "Qty",
    amount: "Amount",
    shipping: "Shipping",
    total: "Total",
    refunded: "Refunded",
    courier: "Courier",
    tracking: "Tracking no.",
    pickup: "Pickup at the cooperative's outlet",
    received: "Received from",
    sum: "The sum of",
    thanks: "Thank you for buying the cooperative members' products.",
  },
} as const;

/** The order number as a Code 128 barcode (PNG), for scanning at the packing table and by couriers. */
async function barcode(text: string): Promise<Buffer> {
  return bwipjs.toBuffer({ bcid: "code128", text, scale: 2, height: 10, includetext: false });
}

function addressOf(order: Order, outlet: string, pickup: string): string[] {
  if (order.deliveryMethod === "pickup") return [pickup, outlet];
  if (order.deliveryMethod === "local") return [order.placeName, order.street].filter(Boolean);
  const area = order.areaNames;
  return [order.street, area ? `${area.village}, ${area.district}` : "", area ? `${area.regency}, ${area.province} ${order.postalCode ?? ""}` : ""].filter(Boolean);
}

/**
 * A packing slip, shipping label or receipt (kuitansi) in the cooperative's name, as a PDF made with pdfkit;
 * amounts as `Rp 12.000`. Text stays selectable, so tests read it back with pdf-parse.
 */
export async function renderOrderDocument(input: DocumentInput): Promise<Buffer> {
  const w = words[input.locale];
  const { order } = input;
  const label = input.kind === "label";
  const doc = new PDFDocument({ size: label ? [288, 432] : "A5", margin: label ? 18 : 36, info: { Title: `${w[input.kind]} ${order.number}`, Author: input.cooperative.name } });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  const code = await barcode(order.number);

  doc.font("Helvetica-Bold").fontSize(label ? 12 : 14).text(input.cooperative.name);
  doc.font("Helvetica").fontSize(8).text([input.cooperative.legalName, input.cooperative.address, input.cooperative.phone].filter(Boolean).join(" · "));
  doc.moveDown(0.5).font("Helvetica-Bold").fontSize(label ? 14 : 12).text(w[input.kind]);
  doc.font("Helvetica").fontSize(10).text(`${w.order} ${order.number}`);
  doc.image(code, { width: label ? 200 : 160 });
  doc.moveDown(0.5);

  if (input.kind === "label") {
    doc.font("Helvetica-Bold").fontSize(11).text(`${w.to}: ${order.contactName}`);
    doc.font("Helvetica").fontSize(10).text(order.phone);
    for (const line of addressOf(order, input.cooperative.address, w.pickup)) doc.text(line);
    if (order.trackingNumber) doc.moveDown(0.5).text(`${w.courier}: ${order.courier} · ${w.tracking}: ${order.trackingNumber}`);
    doc.moveDown(0.5).fontSize(8).text(`${w.from}: ${input.cooperative.name}, ${input.cooperative.address}`);
  } else {
    doc.fontSize(9).text(`${w.placed}: ${input.placedAt}${input.paidAt ? ` · ${w.paid}: ${input.paidAt}` : ""}`);
    if (input.kind === "receipt") {
      doc.moveDown(0.5).fontSize(10).text(`${w.received}: ${order.contactName}`);
      doc.text(`${w.sum}: ${formatRupiah(order.total)}`);
    } else {
      doc.text(`${w.to}: ${order.contactName} · ${addressOf(order, input.cooperative.address, w.pickup).join(", ")}`);
    }
    doc.moveDown(0.5);
    for (const line of input.lines) {
      const name = `${input.locale === "en" ? line.nameEn || line.nameId : line.nameId}${line.variantName ? ` (${line.variantName})` : ""}`;
      const tail = input.kind === "receipt" ? `  ${formatRupiah(line.lineTotal)}` : `  [${line.sku}]`;
      doc.fontSize(10).text(`${line.quantity} × ${name}${tail}`);
    }
    if (input.kind === "receipt") {
      doc.moveDown(0.5).text(`${w.shipping}: ${formatRupiah(order.shipping)}`);
      doc.font("Helvetica-Bold").text(`${w.total}: ${formatRupiah(order.total)}`).font("Helvetica");
      if (input.refunded > 0) doc.text(`${w.refunded}: ${formatRupiah(input.refunded)}`);
      doc.moveDown(1).fontSize(9).text(w.thanks);
    }
  }
  doc.end();
  return done;
}
