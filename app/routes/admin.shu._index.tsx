import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { SubmitButton, TextField } from "~/components/forms/field";
import { formatDateTime } from "~/lib/dates";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { formatRupiah } from "~/lib/money";
import { pageMeta } from "~/lib/route-meta";
import { useTimeZone } from "~/lib/time-zone";
import { can } from "~/modules/identity/access";
import { openYearSchema } from "~/modules/shu/forms";
import { listShuYears, openShuYear } from "~/modules/shu/years.server";
import { parseForm } from "~/web/forms.server";
import { requireAbility } from "~/web/guards.server";

/** The cooperative's SHU years (decision 36), and for managers the form that opens a new one. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "shu.read");
  return { years: await listShuYears(context.db, cooperative.id), mayManage: can(actor, "shu.manage"), thisYear: new Date().getUTCFullYear() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "shu.manage");
  const formData = await request.formData();
  const form = parseForm(openYearSchema, formData);
  if (!form.ok) return form.answer;
  await openShuYear(context.db, { cooperativeId: cooperative.id, actorUserId: actor.userId, ipAddress: context.clientIp, year: form.data.year });
  return redirect(`/admin/shu/${form.data.year}`);
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("shu.title")} · ${root.cooperative.name}`, description: t("shu.intro"), noindex: true }));

export default function ShuYearsPage() {
  const { years, mayManage, thisYear } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const zone = useTimeZone();
  const errors: Record<string, string | undefined> = result && "errors" in result ? result.errors : {};
  return (
    <div className="max-w-3xl space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("shu.title")}</h1>
        <p className="text-muted">{t("shu.intro")}</p>
      </header>
      {years.length === 0 ? (
        <EmptyState title={t("shu.empty.title")} body={mayManage ? t("shu.empty.body") : t("shu.empty.readOnly")} />
      ) : (
        <ul className="divide-y divide-sand-200 rounded-2xl bg-white ring-1 ring-sand-200">
          {years.map((year) => (
            <li key={year.year}>
              <Link to={`/admin/shu/${year.year}`} className="flex flex-wrap items-center justify-between gap-2 p-4 hover:bg-sand-50">
                <span>
                  <span className="block font-semibold">{t("shu.year", { year: year.year })}</span>
                  <span className="text-sm text-muted">
                    {year.finalisedAt ? t("shu.finalisedAt", { when: formatDateTime(locale, year.finalisedAt, zone) }) : t("shu.draft")}
                  </span>
                </span>
                <span className="font-semibold">{formatRupiah(year.surplus)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {mayManage ? (
        <section aria-labelledby="open-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
          <h2 id="open-heading" className="text-lg font-semibold">{t("shu.open.title")}</h2>
          <p className="text-sm text-muted">{t("shu.open.intro")}</p>
          <Form method="post" noValidate className="mt-4 flex flex-wrap items-end gap-3">
            <TextField
              name="year"
              label={t("shu.open.year")}
              inputMode="numeric"
              autoComplete="off"
              defaultValue={result && "values" in result ? result.values.year : String(thisYear - 1)}
              error={errors.year as MessageKey | undefined}
            />
            <SubmitButton>{t("shu.open.submit")}</SubmitButton>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
