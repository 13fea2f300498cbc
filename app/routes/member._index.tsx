import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BankAccountList } from "~/components/bank-account-list";
import { CuratorNotes } from "~/components/curator-notes";
import { EmptyState } from "~/components/empty-state";
import { notFound } from "~/lib/http.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { requireMemberUser } from "~/web/guards.server";
import { getMemberDashboard } from "~/modules/membership/members.server";
import { recentReviewOutcomes } from "~/modules/catalog/listings/member-products.server";
import { useTimeZone } from "~/lib/time-zone";
import { formatDateTime } from "~/lib/dates";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative, member, actor } = await requireMemberUser(request, context);
  const [dashboard, reviews] = await Promise.all([
    getMemberDashboard(context.db, cooperative.id, member.memberId),
    recentReviewOutcomes(context.db, cooperative.id, member.memberId),
  ]);
  if (!dashboard) throw notFound();
  return {
    name: actor.name || actor.email,
    slug: dashboard.member.slug,
    products: dashboard.products,
    profileShown: dashboard.member.profileConfirmedAt !== null,
    lowStock: dashboard.lowStock,
    bankAccounts: dashboard.bankAccounts,
    reviews,
  };
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("member.title")} · ${root.cooperative.name}`, description: t("member.title"), noindex: true }));

const decisionTone = {
  approved: "bg-sea-700/10 text-sea-700",
  auto_approved: "bg-sea-700/10 text-sea-700",
  changes_requested: "bg-amber-100 text-clay-700",
  rejected: "bg-clay-500/15 text-clay-700",
} as const;

export default function MemberHome() {
  const { name, slug, products, profileShown, lowStock, bankAccounts, reviews } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const zone = useTimeZone();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("member.greeting", { name })}</h1>
      {products.total === 0 ? (
        <EmptyState title={t("joining.first.title")} body={t("joining.first.body")} link={{ to: "/member/products/new", label: t("joining.first.action") }} />
      ) : null}
      {profileShown ? null : (
        <p className="rounded-2xl bg-sand-100 p-4 text-sm ring-1 ring-sand-300">
          {t("joining.profile.status.needsConfirm")}{" "}
          <Link to="/member/settings#profile-heading" className="inline-flex min-h-11 items-center font-semibold text-sea-700 underline">{t("joining.first.profile")}</Link>
        </p>
      )}
      <ul className="grid grid-cols-3 gap-2 sm:gap-3">
        <li className="rounded-2xl bg-white p-3 ring-1 ring-sand-200 sm:p-5">
          <span className="block text-3xl font-bold text-sea-700">{products.live}</span>
          <span className="text-sm">{t("member.stat.live")}</span>
        </li>
        <li className="rounded-2xl bg-white p-3 ring-1 ring-sand-200 sm:p-5">
          <span className="block text-3xl font-bold text-sea-700">{products.total}</span>
          <span className="text-sm">{t("member.stat.total")}</span>
        </li>
        <li className={`rounded-2xl p-3 ring-1 sm:p-5 ${lowStock.length > 0 ? "bg-clay-500/10 ring-clay-500/30" : "bg-white ring-sand-200"}`}>
          <span className="block text-3xl font-bold text-clay-700">{lowStock.length}</span>
          <span className="text-sm">{t("member.stat.lowStock")}</span>
        </li>
      </ul>
      {lowStock.length > 0 ? (
        <section aria-labelledby="low-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <h2 id="low-heading" className="font-semibold">{t("member.lowStock.title")}</h2>
          <ul className="mt-2 divide-y divide-sand-200 text-sm">
            {lowStock.map((item) => (
              <li key={item.sku} className="flex items-center justify-between gap-3 py-2">
                <Link to={`/member/products#product-${item.productId}`} className="min-w-0 underline-offset-2 hover:underline">
                  {item.name ? <span className="block truncate font-medium">{item.name}</span> : null}
                  <span className="font-mono text-xs text-muted">{item.sku}</span>
                </Link>
                <span className={item.stock === 0 ? "font-semibold text-clay-700" : ""}>{item.stock === 0 ? t("stock.out") : t("stock.low", { count: item.stock })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {reviews.length > 0 ? (
        <section aria-labelledby="reviews-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <h2 id="reviews-heading" className="font-semibold">{t("member.reviews.title")}</h2>
          <ul className="mt-2 divide-y divide-sand-200 text-sm">
            {reviews.map((review) => (
              <li key={`${review.productId}-${review.decidedAt}`} className="space-y-1 py-3">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-semibold">{review.productName}</span>
                  <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${decisionTone[review.decision]}`}>{t(`member.reviews.decision.${review.decision}`)}</span>
                  <span className="text-xs text-muted">{formatDateTime(locale, review.decidedAt, zone)}</span>
                </p>
                <CuratorNotes notes={review.notes} comment={review.comment} className="text-muted" />
                {review.awaitingFix ? (
                  <Link to={`/member/products/${review.productId}`} className="inline-flex min-h-11 items-center font-semibold text-sea-700 underline">{t("member.reviews.fix")}</Link>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="bank-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="bank-heading" className="font-semibold">{t("bank.title")}</h2>
        <BankAccountList accounts={bankAccounts} />
        <Link to="/member/settings#bank" className="mt-2 inline-flex min-h-11 items-center font-semibold text-sea-700 underline">{t("bank.change")}</Link>
      </section>
      <Link to="/member/keuangan" className="flex min-h-11 items-center justify-between rounded-2xl bg-white p-5 font-semibold text-sea-700 ring-1 ring-sand-200 hover:bg-sand-100">
        {t("money.title")} <span aria-hidden="true">→</span>
      </Link>
      {profileShown && products.live > 0 ? (
        <Link to={`/producers/${slug}`} className="inline-flex min-h-11 items-center font-semibold text-sea-700 underline">{t("member.publicPage")}</Link>
      ) : null}
    </div>
  );
}
