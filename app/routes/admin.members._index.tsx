import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { requireAbility } from "~/web/guards.server";
import { listMembers } from "~/modules/membership/members.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "members.read");
  return { members: await listMembers(context.db, cooperative.id) };
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("admin.nav.members")} · ${root.cooperative.name}`, description: t("admin.nav.members"), noindex: true }));

export default function MembersPage() {
  const { members } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("admin.nav.members")}</h1>
      {members.length === 0 ? (
        <EmptyState title={t("admin.members.empty")} />
      ) : (
        <div className="overflow-x-auto rounded-2xl bg-white ring-1 ring-sand-200">
          <table className="w-full text-left text-sm">
            <thead className="bg-sand-100 text-xs uppercase tracking-wide text-muted">
              <tr>
                <th scope="col" className="px-4 py-3">{t("admin.members.number")}</th>
                <th scope="col" className="px-4 py-3">{t("admin.members.business")}</th>
                <th scope="col" className="px-4 py-3">{t("admin.members.place")}</th>
                <th scope="col" className="px-4 py-3 text-right">{t("nav.products")}</th>
                <th scope="col" className="px-4 py-3">{t("admin.members.status")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-sand-200">
              {members.map((member) => (
                <tr key={member.id}>
                  <td className="whitespace-nowrap px-4 py-3 font-mono">{member.memberNumber}</td>
                  <td className="px-4 py-3">
                    <Link to={`/admin/members/${member.id}`} className="font-semibold text-sea-700 underline-offset-2 hover:underline">{member.businessName}</Link>
                    <span className="block text-xs text-muted">{member.ownerName}</span>
                  </td>
                  <td className="px-4 py-3">{[member.village, member.district].filter(Boolean).join(", ")}</td>
                  <td className="px-4 py-3 text-right">{member.productCount}</td>
                  <td className="px-4 py-3">
                    {t(`admin.members.status.${member.status}`)}
                    {member.pendingBank ? <span className="ml-2 rounded-full bg-clay-500/15 px-2 py-0.5 text-xs text-clay-700">{t("admin.members.bankPending")}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
