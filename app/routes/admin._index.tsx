import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { MessageKey } from "~/lib/i18n/messages.id";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { can } from "~/modules/identity/access";
import { requireStaff } from "~/web/guards.server";
import { staffDashboard, type DashboardCount } from "~/modules/membership/staff-dashboard.server";

interface Card {
  count: DashboardCount;
  to: string;
  key: MessageKey;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor, cooperative } = await requireStaff(request, context);
  // What waits for this person's roles, each linking to the queue where it is done.
  const waiting: Card[] = [
    can(actor, "listing.review") && { count: "toReview", to: "/admin/review", key: "admin.card.toReview" },
    can(actor, "membership.review") && { count: "applications", to: "/admin/applications", key: "admin.card.applications" },
    can(actor, "bank.confirm")
      ? { count: "bankAccounts", to: "/admin/bank-accounts", key: "admin.card.bankAccounts" }
      : can(actor, "membership.review") && { count: "bankAccounts", to: "/admin/members?bank=pending", key: "admin.card.bankAccountsForTreasurer" },
    can(actor, "payments.confirm") && { count: "transferProofs", to: "/admin/payments", key: "admin.card.transferProofs" },
    can(actor, "orders.read") && { count: "paidOrders", to: "/admin/orders", key: "admin.card.paidOrders" },
  ].filter((card): card is Card => Boolean(card));
  const glance: Card[] = [
    can(actor, "members.read") && { count: "members", to: "/admin/members", key: "admin.card.members" },
    can(actor, "outbox.read") && { count: "keptEmails", to: "/admin/outbox", key: "admin.card.outbox" },
  ].filter((card): card is Card => Boolean(card));
  const counts = await staffDashboard(context.db, cooperative.id, [...waiting, ...glance].map((card) => card.count));
  const withCount = (card: Card) => ({ to: card.to, key: card.key, n: counts[card.count] ?? 0 });
  return { name: actor.name || actor.email, roles: actor.staffRoles, waiting: waiting.map(withCount), glance: glance.map(withCount) };
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("admin.title")} · ${root.cooperative.name}`, description: t("admin.title"), noindex: true }));

export default function AdminHome() {
  const { name, roles, waiting, glance } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const nothingWaits = waiting.every((card) => card.n === 0);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("admin.title")}</h1>
        <p className="text-muted">
          {t("admin.greeting", { name })} · {roles.map((role) => t(`role.${role}`)).join(", ")}
        </p>
      </div>
      {waiting.length > 0 ? (
        <section aria-labelledby="waiting-heading" className="space-y-3">
          <h2 id="waiting-heading" className="text-lg font-semibold">{t("admin.home.waiting")}</h2>
          {nothingWaits ? <p className="rounded-2xl bg-sea-50 p-4 text-sm text-sea-800 ring-1 ring-sea-100">{t("admin.home.nothingWaits")}</p> : null}
          <CardList cards={waiting} highlight />
        </section>
      ) : null}
      {glance.length > 0 ? (
        <section aria-labelledby="glance-heading" className="space-y-3">
          <h2 id="glance-heading" className="text-lg font-semibold">{t("admin.home.glance")}</h2>
          <CardList cards={glance} />
        </section>
      ) : null}
    </div>
  );
}

function CardList(props: { cards: { to: string; key: MessageKey; n: number }[]; highlight?: boolean }) {
  const { t } = useI18n();
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {props.cards.map((card) => (
        <li key={card.key}>
          <Link
            to={card.to}
            className={`flex min-h-11 items-center gap-3 rounded-2xl p-4 ring-1 hover:ring-sea-600 sm:block sm:p-5 ${props.highlight && card.n > 0 ? "bg-amber-50 ring-amber-200" : "bg-white ring-sand-200"}`}
          >
            <span className="block text-3xl font-bold text-sea-700">{card.n}</span>
            <span className="block text-sm font-medium sm:mt-1">{t(card.key)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
