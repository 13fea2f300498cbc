import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { AreaNav } from "~/components/area-nav";
import { useI18n } from "~/lib/i18n/react";
import { can } from "~/modules/identity/access";
import { requireStaff } from "~/web/guards.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor } = await requireStaff(request, context);
  return {
    roles: actor.staffRoles,
    may: {
      review: can(actor, "membership.review"),
      members: can(actor, "members.read"),
      listings: can(actor, "listing.review"),
      bank: can(actor, "bank.confirm"),
      outbox: can(actor, "outbox.read"),
      events: can(actor, "events.read"),
      audit: can(actor, "audit.read"),
      settings: can(actor, "settings.manage"),
      catalog: can(actor, "catalog.manage"),
      orders: can(actor, "orders.read"),
      handover: can(actor, "orders.fulfil"),
      payments: can(actor, "payments.confirm"),
      outlet: can(actor, "outlet.sell"),
      ledger: can(actor, "ledger.read"),
      reports: can(actor, "reports.read"),
      shu: can(actor, "shu.read"),
      payouts: can(actor, "payouts.approve"),
    },
  };
}

export default function AdminLayout() {
  const { may } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const links = [
    { to: "/admin", label: t("admin.nav.home"), end: true },
    ...(may.orders ? [{ to: "/admin/orders", label: t("admin.nav.orders") }] : []),
    ...(may.handover ? [{ to: "/admin/handover", label: t("fulfil.sheet.nav") }] : []),
    ...(may.payments ? [{ to: "/admin/payments", label: t("admin.nav.payments") }] : []),
    ...(may.outlet ? [{ to: "/admin/outlet", label: t("admin.nav.outlet") }] : []),
    ...(may.ledger ? [{ to: "/admin/ledger", label: t("admin.nav.ledger") }] : []),
    ...(may.reports ? [{ to: "/admin/reports", label: t("admin.nav.reports") }] : []),
    ...(may.shu ? [{ to: "/admin/shu", label: t("admin.nav.shu") }] : []),
    ...(may.payouts ? [{ to: "/admin/payouts", label: t("admin.nav.payouts") }] : []),
    ...(may.review ? [{ to: "/admin/applications", label: t("admin.nav.applications") }] : []),
    ...(may.listings ? [{ to: "/admin/review", label: t("admin.nav.review") }] : []),
    ...(may.catalog ? [{ to: "/admin/catalog", label: t("admin.nav.catalog") }] : []),
    ...(may.members ? [{ to: "/admin/members", label: t("admin.nav.members") }] : []),
    ...(may.bank ? [{ to: "/admin/bank-accounts", label: t("admin.nav.bankAccounts") }] : []),
    ...(may.outbox ? [{ to: "/admin/outbox", label: t("admin.nav.outbox") }] : []),
    ...(may.events ? [{ to: "/admin/events", label: t("admin.nav.events") }] : []),
    ...(may.audit ? [{ to: "/admin/audit", label: t("admin.nav.audit") }] : []),
    ...(may.settings ? [{ to: "/admin/settings", label: t("admin.nav.settings") }] : []),
  ];
  return (
    <>
      <AreaNav label={t("admin.nav.label")} links={links} />
      <div className="container-page py-6 sm:py-8">
        <Outlet />
      </div>
    </>
  );
}
