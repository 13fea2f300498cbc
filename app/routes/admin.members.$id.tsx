import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { BankAccountList } from "~/components/bank-account-list";
import { PeopleList } from "~/components/people-list";
import { PhoneLinks } from "~/components/phone-links";
import { publicOrigin } from "~/modules/tenancy/cooperative.server";
import { Alert } from "~/components/forms/field";
import { notFound } from "~/lib/http.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { can } from "~/modules/identity/access";
import { requireAbility } from "~/web/guards.server";
import { getMemberForStaff } from "~/modules/membership/members.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "members.read");
  const found = await getMemberForStaff(context.db, {
    cooperativeId: cooperative.id,
    memberId: params.id ?? "",
    viewerUserId: actor.userId,
    showFullBank: can(actor, "bank.confirm"),
    ipAddress: context.clientIp,
  });
  if (!found) throw notFound();
  const { member } = found;
  return {
    shop: { name: cooperative.name, url: await publicOrigin(context.db, cooperative.id) },
    member: {
      id: member.id,
      memberNumber: member.memberNumber,
      slug: member.slug,
      businessName: member.businessName,
      ownerName: member.ownerName,
      phone: member.phone,
      email: member.email,
      nib: member.nib,
      place: [member.village, member.district, member.regency, member.province].filter(Boolean).join(", "),
      status: member.status,
    },
    bankAccounts: found.bankAccounts,
    people: found.people,
    fullBank: can(actor, "bank.confirm"),
  };
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ data, root }) => ({ title: `${data.member.businessName} · ${root.cooperative.name}`, description: data.member.businessName, noindex: true }));

export default function MemberDetail() {
  const { member, bankAccounts, people, fullBank, shop } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useI18n();
  return (
    <div className="max-w-3xl space-y-6">
      <Link to="/admin/members" className="text-sm font-semibold text-sea-700 underline">← {t("admin.nav.members")}</Link>
      {params.get("approved") ? <Alert tone="success">{t("apply.queue.approved", { number: member.memberNumber })}</Alert> : null}
      <div>
        <h1 className="text-2xl font-bold">{member.businessName}</h1>
        <p className="text-muted">{member.memberNumber} · {member.ownerName} · {member.place}</p>
        <Link to={`/producers/${member.slug}`} className="text-sm font-semibold text-sea-700 underline">{t("admin.members.publicPage")}</Link>
      </div>
      <dl className="grid gap-3 rounded-2xl bg-white p-5 ring-1 ring-sand-200 sm:grid-cols-2">
        <div><dt className="text-xs text-muted">{t("apply.field.phone")}</dt><dd>{member.phone ? <PhoneLinks phone={member.phone} /> : "–"}</dd></div>
        <div><dt className="text-xs text-muted">{t("apply.field.email")}</dt><dd className="break-all">{member.email}</dd></div>
        <div><dt className="text-xs text-muted">{t("apply.field.nib")}</dt><dd>{member.nib ?? "–"}</dd></div>
      </dl>
      <section aria-labelledby="people-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="people-heading" className="font-semibold">{t("member.people.title")}</h2>
        <PeopleList people={people} nudge={{ shopName: shop.name, shopUrl: shop.url, businessName: member.businessName, ownerPhone: member.phone }} />
      </section>
      <section aria-labelledby="bank-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="bank-heading" className="font-semibold">{t("bank.title")}</h2>
        <p className="mb-2 text-xs text-muted">{fullBank ? t("bank.fullNotice") : t("bank.maskedNotice")}</p>
        <BankAccountList accounts={bankAccounts} />
      </section>
    </div>
  );
}
