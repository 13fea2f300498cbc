import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { EmptyState } from "~/components/empty-state";
import { Pagination } from "~/components/listing/pagination";
import { PhoneLinks } from "~/components/phone-links";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { requireAbility } from "~/web/guards.server";
import { searchMembers } from "~/modules/membership/member-search.server";

const PAGE_SIZE = 25;

const searchSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  bank: z.literal("pending").optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "members.read");
  const search = searchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const members = await searchMembers(context.db, cooperative.id, { q: search.q, bankPending: search.bank === "pending", page: search.page, pageSize: PAGE_SIZE });
  return { members, search };
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("admin.nav.members")} · ${root.cooperative.name}`, description: t("admin.nav.members"), noindex: true }));

export default function MembersPage() {
  const { members, search } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const hrefFor = (page: number) => {
    const params = new URLSearchParams(Object.entries({ q: search.q, bank: search.bank, page: String(page) }).filter(([, v]) => v) as [string, string][]);
    return `/admin/members?${params}`;
  };
  const place = (member: { village: string | null; district: string | null }) => [member.village, member.district].filter(Boolean).join(", ");
  const status = (member: (typeof members.items)[number]) => (
    <>
      {t(`admin.members.status.${member.status}`)}
      {member.pendingBank ? <span className="ml-2 rounded-full bg-clay-500/15 px-2 py-0.5 text-xs text-clay-700">{t("admin.members.bankPending")}</span> : null}
    </>
  );
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("admin.nav.members")}</h1>
      <Form method="get" role="search" className="rounded-2xl bg-white p-4 ring-1 ring-sand-200">
        <label htmlFor="member-search" className="text-sm font-semibold">{t("admin.members.search")}</label>
        <div className="mt-1 flex gap-2">
          <input id="member-search" name="q" type="search" defaultValue={search.q ?? ""} aria-describedby="member-search-hint" className="field min-w-0 flex-1" />
          {search.bank ? <input type="hidden" name="bank" value={search.bank} /> : null}
          <button type="submit" className="btn shrink-0 bg-sea-700 text-white">{t("admin.members.searchButton")}</button>
        </div>
        <p id="member-search-hint" className="mt-1 text-xs text-muted">{t("admin.members.searchHint")}</p>
      </Form>
      {search.q || search.bank ? (
        <p className="text-sm text-muted" role="status">
          {t("admin.members.found", { count: members.total })}
          {search.bank ? ` · ${t("admin.members.bankPendingOnly")}` : ""} ·{" "}
          <Link to="/admin/members" className="font-semibold text-sea-700 underline">{t("admin.members.showAll")}</Link>
        </p>
      ) : null}
      {members.items.length === 0 ? (
        <EmptyState title={search.q ? t("admin.members.noMatch", { q: search.q }) : t("admin.members.empty")} />
      ) : (
        <>
          {/* On a phone each member is a card; from a tablet up, a table. */}
          <ul className="space-y-3 sm:hidden">
            {members.items.map((member) => (
              <li key={member.id} className="rounded-2xl bg-white p-4 ring-1 ring-sand-200">
                <p className="flex items-baseline justify-between gap-2">
                  <Link to={`/admin/members/${member.id}`} className="font-semibold text-sea-700 underline-offset-2 hover:underline">{member.businessName}</Link>
                  <span className="shrink-0 font-mono text-xs text-muted">{member.memberNumber}</span>
                </p>
                <p className="text-sm">{member.ownerName}</p>
                <p className="text-sm text-muted">{place(member)} · {t("admin.members.productCount", { count: member.productCount })}</p>
                <p className="mt-1 text-sm">{status(member)}</p>
                {member.phone ? <PhoneLinks phone={member.phone} className="mt-2" /> : null}
              </li>
            ))}
          </ul>
          <div className="hidden overflow-x-auto rounded-2xl bg-white ring-1 ring-sand-200 sm:block">
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
                {members.items.map((member) => (
                  <tr key={member.id}>
                    <td className="whitespace-nowrap px-4 py-3 font-mono">{member.memberNumber}</td>
                    <td className="px-4 py-3">
                      <Link to={`/admin/members/${member.id}`} className="font-semibold text-sea-700 underline-offset-2 hover:underline">{member.businessName}</Link>
                      <span className="block text-xs text-muted">{member.ownerName}</span>
                    </td>
                    <td className="px-4 py-3">{place(member)}</td>
                    <td className="px-4 py-3 text-right">{member.productCount}</td>
                    <td className="px-4 py-3">{status(member)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <Pagination page={members.page} pageCount={members.pageCount} hrefFor={hrefFor} />
    </div>
  );
}
