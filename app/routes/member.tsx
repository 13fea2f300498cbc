import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { AreaNav } from "~/components/area-nav";
import { useI18n } from "~/lib/i18n/react";
import { requireMemberUser } from "~/web/guards.server";
import { getMemberHeader } from "~/modules/membership/members.server";
import { notFound } from "~/lib/http.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative, member } = await requireMemberUser(request, context);
  const header = await getMemberHeader(context.db, cooperative.id, member.memberId);
  if (!header) throw notFound();
  return { ...header, role: member.role };
}

export default function MemberLayout() {
  const { businessName, memberNumber } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <div className="bg-sand-100">
        <div className="container-page py-3">
          <p className="font-semibold">{businessName}</p>
          <p className="text-xs text-muted">{t("member.number", { number: memberNumber })}</p>
        </div>
      </div>
      <AreaNav
        label={t("member.nav.label")}
        links={[
          { to: "/member", label: t("member.nav.home"), end: true },
          { to: "/member/products", label: t("member.nav.products") },
          { to: "/member/pesanan", label: t("member.nav.orders") },
          { to: "/member/keuangan", label: t("member.nav.money") },
          { to: "/member/settings", label: t("member.nav.settings") },
        ]}
      />
      <div className="container-page py-6 sm:py-8">
        <Outlet />
      </div>
    </>
  );
}
