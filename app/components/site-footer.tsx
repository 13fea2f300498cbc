import { useI18n } from "~/lib/i18n/react";
import { ShopLink } from "./shop-link";

export function SiteFooter(props: {
  cooperative: { name: string; legalName: string; tagline: string; address: string; phone: string; email: string };
}) {
  const { t } = useI18n();
  const { cooperative } = props;
  return (
    <footer className="render-when-near-[38rem] lg:render-when-near-[20rem] mt-16 bg-sea-900 text-sea-50">
      <div className="container-page grid gap-8 py-10 sm:grid-cols-3">
        <div>
          <p className="text-lg font-semibold text-white">{cooperative.name}</p>
          <p className="mt-1 text-sm">{cooperative.legalName}</p>
          <p className="mt-3 text-sm text-sea-100">{cooperative.tagline}</p>
        </div>
        <div className="text-sm">
          <h2 className="font-semibold text-white">{t("footer.contact")}</h2>
          <address className="mt-2 not-italic leading-relaxed">
            {cooperative.address}
            {cooperative.phone ? (
              <>
                <br />
                <a className="underline" href={`tel:${cooperative.phone}`}>
                  {cooperative.phone}
                </a>
              </>
            ) : null}
            {cooperative.email ? (
              <>
                <br />
                <a className="underline" href={`mailto:${cooperative.email}`}>
                  {cooperative.email}
                </a>
              </>
            ) : null}
          </address>
        </div>
        <nav aria-label={t("footer.links")} className="text-sm">
          <h2 className="font-semibold text-white">{t("footer.shop")}</h2>
          <ul className="mt-2 space-y-2">
            <li><ShopLink className="underline" to="/products">{t("nav.products")}</ShopLink></li>
            <li><ShopLink className="underline" to="/producers">{t("nav.producers")}</ShopLink></li>
            <li><ShopLink className="underline" to="/tentang">{t("footer.about")}</ShopLink></li>
            <li><ShopLink className="underline" to="/returns">{t("footer.returns")}</ShopLink></li>
            <li><ShopLink className="underline" to="/ambil">{t("footer.pickup")}</ShopLink></li>
            <li><ShopLink className="underline" to="/daftar-anggota">{t("nav.apply")}</ShopLink></li>
            <li><ShopLink className="underline" to="/sign-in">{t("nav.signIn")}</ShopLink></li>
          </ul>
          <p className="mt-4 text-xs text-sea-100">{t("footer.poweredBy")}</p>
        </nav>
      </div>
    </footer>
  );
}
