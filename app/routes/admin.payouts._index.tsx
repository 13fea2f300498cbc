import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { Alert, SubmitButton } from "~/components/forms/field";
import { FormToken } from "~/components/forms/form-token";
import { createPayoutRun } from "~/flows/run-payout.server";
import { now } from "~/lib/clock.server";
import { formatDateTime } from "~/lib/dates";
import { newFormToken } from "~/lib/form-token.server";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import { formatRupiah } from "~/lib/money";
import { pageMeta } from "~/lib/route-meta";
import { can } from "~/modules/identity/access";
import { payoutErrors } from "~/modules/payouts/rules";
import { listRuns, openRun } from "~/modules/payouts/runs.server";
import { refused, submitFormOnce } from "~/web/forms.server";
import { requireAbility } from "~/web/guards.server";

/** The cooperative's settlement runs, newest first, and (for treasurers) the button that makes the next one. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "payouts.approve");
  const page = Math.max(1, Math.min(10_000, Number(new URL(request.url).searchParams.get("page")) || 1));
  const [list, open] = await Promise.all([listRuns(context.db, cooperative.id, page), openRun(context.db, cooperative.id)]);
  return {
    ...list,
    page,
    open: open ? { id: open.id, number: open.number } : null,
    mayRun: can(actor, "payouts.run"),
    zone: timeZoneOfProvince(cooperative.province),
    minimum: cooperative.payoutMinimum,
    holdDays: cooperative.payoutHoldDays,
    formToken: newFormToken(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "payouts.run");
  const formData = await request.formData();
  const key = { cooperativeId: cooperative.id, purpose: "payouts.create", userId: actor.userId };
  const sent = await submitFormOnce(context.db, key, formData, async (tx) => {
    const made = await createPayoutRun(tx, { cooperativeId: cooperative.id, actorUserId: actor.userId, ipAddress: context.clientIp, now: now() });
    return made.ok ? { done: made.runId } : { refused: refused(formData, payoutErrors, made.error) };
  });
  if (!sent.ok) return sent.answer;
  return redirect(`/admin/payouts/${sent.result}`);
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("payouts.title")} · ${root.cooperative.name}`, description: t("payouts.intro"), noindex: true }));

export default function PayoutRuns() {
  const { runs, page, pages, open, mayRun, zone, minimum, holdDays, formToken } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const error = result && "errors" in result ? (result.errors as Record<string, string | undefined>).form : undefined;
  return (
    <div className="max-w-4xl space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("payouts.title")}</h1>
        <p className="text-muted">{t("payouts.intro")}</p>
        <p className="text-sm text-muted">{t("payouts.rules", { minimum: formatRupiah(minimum), days: holdDays })}</p>
      </header>
      {error ? <Alert tone="error">{t(error as MessageKey)}</Alert> : null}
      {open ? (
        <Alert tone="info">
          {t("payouts.openRun", { number: open.number })}{" "}
          <Link to={`/admin/payouts/${open.id}`} className="underline">
            {t("payouts.openRun.link")}
          </Link>
        </Alert>
      ) : mayRun ? (
        <Form method="post">
          <FormToken token={formToken} />
          <SubmitButton>{t("payouts.create")}</SubmitButton>
        </Form>
      ) : null}

      {runs.length === 0 ? (
        <EmptyState title={t("payouts.empty.title")} body={t("payouts.empty.body")} />
      ) : (
        <section aria-labelledby="runs-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <h2 id="runs-heading" className="text-lg font-semibold">{t("payouts.runs")}</h2>
          <ul className="mt-2 divide-y divide-sand-200">
            {runs.map((run) => (
              <li key={run.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <span>
                  <Link to={`/admin/payouts/${run.id}`} className="font-medium text-sea-800 underline">
                    {t("payouts.run.name", { number: run.number })}
                  </Link>
                  <span className="block text-xs text-muted">
                    {formatDateTime(locale, run.createdAt, zone)} · {t(`payouts.status.${run.status}`)} · {t("payouts.run.count", { count: run.count })}
                  </span>
                </span>
                <span className="font-semibold">{formatRupiah(run.total)}</span>
              </li>
            ))}
          </ul>
          {pages > 1 ? (
            <nav aria-label={t("payouts.runs")} className="mt-3 flex gap-3">
              {page > 1 ? <Link to={`?page=${page - 1}`} className="btn bg-white ring-1 ring-sand-300" aria-label={t("payouts.page.previous")}>←</Link> : null}
              <span className="self-center text-sm">{page} / {pages}</span>
              {page < pages ? <Link to={`?page=${page + 1}`} className="btn bg-white ring-1 ring-sand-300" aria-label={t("payouts.page.next")}>→</Link> : null}
            </nav>
          ) : null}
        </section>
      )}
    </div>
  );
}
