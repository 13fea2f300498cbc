import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { Alert, SubmitButton } from "~/components/forms/field";
import { useTimeZone } from "~/lib/time-zone";
import { formatDateTime } from "~/lib/dates";
import { invalid, refused } from "~/web/forms.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { recordAudit } from "~/modules/audit/audit.server";
import { requireAbility } from "~/web/guards.server";
import { membershipErrors } from "~/modules/membership/errors";
import { decideBankAccount, listPendingBankAccounts } from "~/modules/membership/members.server";

/** Treasurers confirm new payout accounts; they see full numbers here, and each view is logged. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "bank.confirm");
  const pending = await listPendingBankAccounts(context.db, cooperative.id, { full: true });
  if (pending.length > 0) {
    await recordAudit(context.db, {
      cooperativeId: cooperative.id,
      actorUserId: actor.userId,
      action: "bank_account.viewed",
      entityType: "member_bank_account",
      entityId: pending.map((account) => account.id).join(","),
      ipAddress: context.clientIp,
    });
  }
  return { pending };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "bank.confirm");
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent !== "confirm" && intent !== "reject") return invalid(formData, { form: "error.badRequest.body" }, 400);
  const decided = await decideBankAccount(context.db, {
    cooperative,
    bankAccountId: String(formData.get("account") ?? ""),
    treasurerUserId: actor.userId,
    confirm: intent === "confirm",
    ipAddress: context.clientIp,
  });
  if (!decided.ok) return refused(formData, membershipErrors, decided.error);
  return { ok: true as const, message: intent === "confirm" ? "bank.confirmed" : "bank.rejected" };
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("admin.nav.bankAccounts")} · ${root.cooperative.name}`, description: t("admin.nav.bankAccounts"), noindex: true }));

export default function BankAccountsPage() {
  const { pending } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const zone = useTimeZone();
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t("admin.nav.bankAccounts")}</h1>
      <p className="text-sm text-muted">{t("bank.queueIntro")}</p>
      {result && "message" in result ? <Alert tone="success">{t(result.message as "bank.confirmed")}</Alert> : null}
      {result && "errors" in result ? <Alert tone="error">{t(result.errors.form as "bank.error.gone")}</Alert> : null}
      {pending.length === 0 ? (
        <EmptyState title={t("bank.queueEmpty")} />
      ) : (
        <ul className="space-y-3">
          {pending.map((account) => (
            <li key={account.id} className="rounded-2xl bg-white p-4 ring-1 ring-sand-200">
              <p className="font-semibold">
                <Link to={`/admin/members/${account.memberId}`} className="underline-offset-2 hover:underline">{account.businessName}</Link>{" "}
                <span className="font-normal text-muted">· {account.memberNumber}</span>
              </p>
              <p className="mt-1">
                {account.bankName} · <span className="font-mono">{account.accountNumber}</span> · {account.holderName}
              </p>
              <p className="text-xs text-muted">{formatDateTime(locale, account.createdAt, zone)}</p>
              <Form method="post" className="mt-3 flex flex-wrap gap-2">
                <input type="hidden" name="account" value={account.id} />
                <SubmitButton intent="confirm">{t("bank.confirm")}</SubmitButton>
                <SubmitButton intent="reject" tone="quiet">{t("bank.reject")}</SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
