import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { PhoneLinks } from "~/components/phone-links";
import { Alert, SubmitButton, TextAreaField } from "~/components/forms/field";
import { useTimeZone } from "~/lib/time-zone";
import { formatDateTime } from "~/lib/dates";
import { invalid, parseForm, refused } from "~/web/forms.server";
import { notFound } from "~/lib/http.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { requireAbility } from "~/web/guards.server";
import { approveApplication } from "~/flows/approve-application.server";
import { getApplication, rejectApplication } from "~/modules/membership/applications.server";
import { membershipErrors } from "~/modules/membership/errors";
import { maskAccountNumber } from "~/lib/indonesia/banks";
import { payoutProviderName } from "~/lib/indonesia/payout-accounts";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "membership.review");
  const application = await getApplication(context.db, cooperative.id, params.id ?? "");
  if (!application) throw notFound();
  return {
    application: {
      ...application,
      bankName: application.bankCode ? payoutProviderName(application.bankCode) : null,
      // Reviewers see the bank masked; treasurers confirm the full number on the bank accounts page (logged).
      bankAccountNumber: application.bankAccountNumber ? maskAccountNumber(application.bankAccountNumber) : null,
    },
  };
}

const rejectSchema = z.object({ reason: z.string({ error: "apply.queue.error.reason" }).trim().min(5, "apply.queue.error.reason").max(1000, "apply.queue.error.reason") });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "membership.review");
  const formData = await request.formData();
  const decision = {
    cooperative,
    applicationId: params.id ?? "",
    actorUserId: actor.userId,
    ipAddress: context.clientIp,
  };
  const intent = formData.get("intent");
  let result;
  if (intent === "approve") {
    result = await approveApplication(context.db, decision);
  } else if (intent === "reject") {
    const form = parseForm(rejectSchema, formData);
    if (!form.ok) return form.answer;
    result = await rejectApplication(context.db, { ...decision, reason: form.data.reason });
  } else {
    return invalid(formData, { form: "error.badRequest.body" }, 400);
  }
  if (!result.ok) {
    if (result.error === "not_found") throw notFound();
    return refused(formData, membershipErrors, result.error);
  }
  return redirect(intent === "approve" ? `/admin/members/${result.memberId}?approved=1` : "/admin/applications?status=rejected");
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ data, root }) => ({ title: `${data.application.businessName} · ${root.cooperative.name}`, description: data.application.businessName, noindex: true }));

export default function ApplicationDetail() {
  const { application } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const zone = useTimeZone();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const rows: [string, ReactNode][] = [
    [t("apply.field.ownerName"), application.ownerName],
    [t("apply.field.phone"), <PhoneLinks key="phone" phone={application.phone} />],
    [t("apply.field.email"), application.email],
    [t("apply.field.address"), [application.street, application.village, application.district, application.regency, application.province, application.postalCode].join(", ")],
    [t("apply.field.nib"), application.nib ?? "–"],
    [t("apply.field.products"), application.products],
    [t("apply.field.bank"), application.bankName ? `${application.bankName} · ${application.bankAccountNumber} · ${application.bankAccountHolder}` : t("joining.payout.none")],
    [t("apply.queue.submittedAt"), formatDateTime(locale, application.createdAt, zone)],
  ];
  return (
    <div className="max-w-3xl space-y-6">
      <Link to="/admin/applications" className="text-sm font-semibold text-sea-700 underline">← {t("apply.queue.title")}</Link>
      <div>
        <h1 className="text-2xl font-bold">{application.businessName}</h1>
        <p className="text-muted">{t(`apply.queue.status.${application.status}`)}</p>
      </div>
      {errors.form ? <Alert tone="error">{t(errors.form as "apply.queue.error.decided")}</Alert> : null}
      <dl className="divide-y divide-sand-200 rounded-2xl bg-white px-5 ring-1 ring-sand-200">
        {rows.map(([term, value]) => (
          <div key={term} className="grid gap-1 py-3 sm:grid-cols-[12rem_1fr]">
            <dt className="text-sm font-medium text-muted">{term}</dt>
            <dd className="whitespace-pre-line">{value}</dd>
          </div>
        ))}
        {application.decisionReason ? (
          <div className="grid gap-1 py-3 sm:grid-cols-[12rem_1fr]">
            <dt className="text-sm font-medium text-muted">{t("apply.queue.reason")}</dt>
            <dd>{application.decisionReason}</dd>
          </div>
        ) : null}
      </dl>
      {application.status === "submitted" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Form method="post" className="rounded-2xl bg-sea-50 p-5 ring-1 ring-sea-100">
            <p className="mb-3 text-sm">{t("apply.queue.approveHint")}</p>
            <SubmitButton intent="approve">{t("apply.queue.approve")}</SubmitButton>
          </Form>
          <Form method="post" className="space-y-3 rounded-2xl bg-white p-5 ring-1 ring-sand-200" noValidate>
            <TextAreaField name="reason" label={t("apply.queue.reason")} hint={t("apply.queue.reasonHint")} error={errors.reason} rows={3} />
            <SubmitButton intent="reject" tone="danger">{t("apply.queue.reject")}</SubmitButton>
          </Form>
        </div>
      ) : null}
    </div>
  );
}
