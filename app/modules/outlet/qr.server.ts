import { toBuffer } from "bwip-js/node";

/**
 * A QRIS payload drawn as a PNG data URL with bwip-js, on our own page: no request to Midtrans's image from the
 * buyer's side of the counter, no third-party origin in the CSP, and it works on a flaky connection once loaded.
 */
export async function qrDataUrl(payload: string): Promise<string> {
  const png = await toBuffer({ bcid: "qrcode", text: payload, scale: 6, paddingwidth: 4, paddingheight: 4, backgroundcolor: "FFFFFF" });
  return `data:image/png;base64,${png.toString("base64")}`;
}
