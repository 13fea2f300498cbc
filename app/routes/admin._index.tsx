import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { can } from "~/modules/identity/access";
import { requireStaff } from "~/web/guards.server";
import { staffDashboard } from "~/modules/membership/staff-dashboard.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor, cooperative } = await requireStaff(request, context);
  const counts = await staffDashboard(context.db, cooperative.id);
  return {
    name: actor.name || actor.email,
    roles: actor.staffRoles,
    cards: [
      can(actor, "membership.review") && { to: "/admin/applications", key: "admin.card.applications", n: counts.applications },
      can(actor, "bank.confirm") && { to: "/admin/bank-accounts", key: "admin.card.bankAccounts", n: counts.bankAccounts },
      can(actor, "members.read") && { to: "/admin/members", key: "admin.card.members", n: counts.members },
      can(actor, "outbox.read") && { to: "/admin/outbox", key: "admin.card.outbox", n: counts.keptEmails },
    ].filter((card): card is { to: string; key: "admin.card.applications"; n: number } => Boolean(card)),
  };
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("admin.title")} · ${root.cooperative.name}`, description: t("admin.title"), noindex: true }));

export default function AdminHome() {
  const { name, roles, cards } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("admin.title")}</h1>
        <p className="text-muted">
          {t("admin.greeting", { name })} · {roles.map((role) => t(`role.${role}`)).join(", ")}
        </p>
      </div>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {cards.map((card) => (
          <li key={card.to}>
            <Link to={card.to} className="block rounded-2xl bg-white p-5 ring-1 ring-sand-200 hover:ring-sea-600">
              <span className="block text-3xl font-bold text-sea-700">{card.n}</span>
              <span className="mt-1 block text-sm font-medium">{t(card.key)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
