import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { publicPageHeaders } from "~/lib/http.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { requireCooperative } from "~/web/cooperative.server";
import { shopPage } from "~/lib/i18n/dictionaries";

export const handle = shopPage;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const cooperative = await requireCooperative(request, context);
  return { cooperative: { name: cooperative.name, legalName: cooperative.legalName, email: cooperative.email, phone: cooperative.phone, address: cooperative.address } };
}

export const headers: HeadersFunction = () => publicPageHeaders();

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, ({ root, t }) => ({ title: `${t("returns.title")} · ${root.cooperative.name}`, description: "" }));

/** The terms of sale and the return policy (UU 8/1999 asks shops to state them), in the shopper's language. */
export default function Returns() {
  const { cooperative } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const contact = [cooperative.phone, cooperative.email].filter(Boolean).join(" · ");
  const paragraphs =
    locale === "en"
      ? [
          `${cooperative.legalName} sells the products in this shop on behalf of its member producers and is the seller of your order.`,
          "Prices are in rupiah and include the cooperative's fee and any tax. Shipping is shown before you pay.",
          "Unpaid orders are cancelled when the time to pay has passed, and the goods go back on sale.",
          "If an item arrives damaged, wrong or spoiled, tell us within 3 days of receiving it, with a photo. We replace it or refund it, including shipping. Food that has been opened cannot be returned unless it was faulty.",
          "Refunds go back the way you paid (or to your bank account for transfers and virtual accounts) within 7 working days of our decision.",
          "We use your name, e-mail, phone and address only to deliver your order and to tell you about it (UU 27/2022). You may ask to see or delete them.",
        ]
      : [
          `${cooperative.legalName} menjual produk di toko ini atas nama para produsen anggotanya dan menjadi penjual pesanan Anda.`,
          "Harga dalam rupiah, sudah termasuk biaya koperasi dan pajak yang berlaku. Ongkos kirim ditampilkan sebelum Anda membayar.",
          "Pesanan yang belum dibayar dibatalkan setelah batas waktu bayar, dan barangnya dijual kembali.",
          "Jika barang tiba rusak, salah, atau basi, beri tahu kami paling lambat 3 hari setelah diterima, dengan foto. Kami ganti atau kembalikan dananya, termasuk ongkos kirim. Makanan yang sudah dibuka tidak dapat dikembalikan kecuali memang cacat.",
          "Dana dikembalikan lewat cara bayar Anda (atau ke rekening Anda untuk transfer dan virtual account) paling lambat 7 hari kerja setelah keputusan kami.",
          "Nama, e-mail, nomor HP, dan alamat Anda hanya kami pakai untuk mengirim dan mengabarkan pesanan (UU 27/2022). Anda boleh meminta melihat atau menghapusnya.",
        ];
  return (
    <div className="container-page max-w-2xl space-y-4 py-8">
      <h1 className="text-2xl font-bold">{t("returns.title")}</h1>
      {paragraphs.map((paragraph) => (
        <p key={paragraph} className="leading-relaxed">
          {paragraph}
        </p>
      ))}
      {contact ? <p className="font-semibold">{contact}</p> : null}
    </div>
  );
}
