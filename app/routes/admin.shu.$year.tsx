import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms/error-summary";
import { Alert, SubmitButton, TextField } from "~/components/forms/field";
import { finaliseShu, shuYearReport } from "~/flows/shu.server";
import { formatDateTime } from "~/lib/dates";
import { notFound } from "~/lib/http.server";
import type { MessageKey } from "~/lib/i18n/core";
import { useI18n } from "~/lib/i18n/react";
import { formatRupiah } from "~/lib/money";
import { basisPointsToPercent } from "~/lib/percent";
import { pageMeta } from "~/lib/route-meta";
import { useTimeZone } from "~/lib/time-zone";
import { can } from "~/modules/identity/access";
import { savingsSchema, shuErrors, shuInputsSchema } from "~/modules/shu/forms";
import { MAX_FUND_LINES, shuLineName } from "~/modules/shu/names";
import { readSavingsCsv, type CsvRowProblem } from "~/modules/shu/savings-csv";
import { saveShuInputs, saveSavings, unlockShuYear } from "~/modules/shu/years.server";
import { invalid, parseForm, refused } from "~/web/forms.server";
import { requireAbility } from "~/web/guards.server";
import { fileBytes, readMultipartForm } from "~/web/upload.server";

const PAGE_SIZE = 50;
/** A savings file is a few hundred rows: a megabyte is plenty. */
const MAX_CSV_BYTES = 1024 * 1024;

function yearOf(param: string | undefined): number {
  if (!param || !/^\d{4}$/.test(param)) throw notFound();
  return Number(param);
}

/** A year's inputs, savings and report (decision 36): managers change them, treasurers read. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "shu.read");
  const found = await shuYearReport(context.db, cooperative, yearOf(params.year));
  if (!found) throw notFound();
  const url = new URL(request.url);
  const pages = Math.max(1, Math.ceil(found.members.length / PAGE_SIZE));
  const page = Math.max(1, Math.min(pages, Number(url.searchParams.get("page")) || 1));
  return {
    year: found.year,
    report: { ...found.report, members: [] },
    members: found.members.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    memberCount: found.members.length,
    page,
    pages,
    mayManage: can(actor, "shu.manage"),
    done: url.searchParams.get("done"),
  };
}

type ImportAnswer = { ok: false; errors: { file: MessageKey }; values: Record<string, string>; problems: CsvRowProblem[] };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { cooperative, actor } = await requireAbility(request, context, "shu.manage");
  const year = yearOf(params.year);
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  const read = multipart ? await readMultipartForm(request) : { formData: await request.formData() };
  if ("refused" in read) return data({ ok: false as const, errors: { file: read.refused }, values: {} }, { status: read.status });
  const { formData } = read;
  const who = { cooperativeId: cooperative.id, actorUserId: actor.userId, ipAddress: context.clientIp, year };
  const back = (done: string) => redirect(`/admin/shu/${year}?done=${done}`);
  switch (formData.get("intent")) {
    case "inputs": {
      const form = parseForm(shuInputsSchema, formData);
      if (!form.ok) return form.answer;
      const saved = await saveShuInputs(context.db, { ...who, inputs: form.data });
      if (!saved.ok) return answerRefusal(formData, saved.error);
      return back("inputs");
    }
    case "savings": {
      const form = parseForm(savingsSchema, formData);
      if (!form.ok) return form.answer;
      const saved = await saveSavings(context.db, { ...who, rows: [form.data], source: "typed" });
      if (!saved.ok) return answerRefusal(formData, saved.error);
      return back("savings");
    }
    case "import": {
      const bytes = await fileBytes(formData.get("file"));
      if (!bytes || bytes.length === 0) return invalid(formData, { file: "shu.import.error.missing" });
      if (bytes.length > MAX_CSV_BYTES) return invalid(formData, { file: "shu.import.error.tooLarge" }, 413);
      const parsed = readSavingsCsv(bytes.toString("utf8"));
      if (!parsed.ok) return "problems" in parsed ? importProblems(formData, parsed.problems) : refused(formData, shuErrors, parsed.error);
      const saved = await saveSavings(context.db, { ...who, rows: parsed.rows, source: "csv" });
      if (!saved.ok) {
        if ("unknown" in saved)
          return importProblems(
            formData,
            saved.unknown.map((row) => ({ line: row.line ?? 0, message: "shu.import.error.unknownMember" as const, value: row.value })),
          );
        return answerRefusal(formData, saved.error);
      }
      return redirect(`/admin/shu/${year}?done=import-${saved.count}`);
    }
    case "finalise": {
      const finalised = await finaliseShu(context.db, cooperative, who);
      if (!finalised.ok) return answerRefusal(formData, finalised.error);
      return back("finalised");
    }
    case "unlock": {
      const unlocked = await unlockShuYear(context.db, who);
      if (!unlocked.ok) return answerRefusal(formData, unlocked.error);
      return back("unlocked");
    }
    default:
      return invalid(formData, { form: "error.badRequest.body" }, 400);
  }
}

function answerRefusal(formData: FormData, error: keyof typeof shuErrors) {
  if (error === "not_found") throw notFound();
  return refused(formData, shuErrors, error);
}

function importProblems(formData: FormData, problems: CsvRowProblem[]) {
  const answer: ImportAnswer = { ok: false, errors: { file: "shu.import.error.rows" }, values: {}, problems: problems.slice(0, 100) };
  return data(answer, { status: 422 });
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("shu.year", { year: args.params.year ?? "" })} · ${root.cooperative.name}`, description: t("shu.intro"), noindex: true }));

const doneMessages: Record<string, MessageKey> = {
  inputs: "shu.saved.inputs",
  savings: "shu.saved.savings",
  finalised: "shu.saved.finalised",
  unlocked: "shu.saved.unlocked",
};

/** A table's column headings: the first names the row, the figures after it are right-aligned. */
function HeadRow(props: { labels: string[] }) {
  return (
    <tr className="text-left text-muted">
      {props.labels.map((label, index) => (
        <th key={index} scope="col" className={`py-2 ${index < props.labels.length - 1 ? "pr-3" : ""} ${index > 0 ? "text-right" : ""}`}>
          {label}
        </th>
      ))}
    </tr>
  );
}

export default function ShuYearPage() {
  const { year, report, members, memberCount, page, pages, mayManage, done } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale } = useI18n();
  const zone = useTimeZone();
  const errors: Record<string, string | undefined> = result && "errors" in result ? (result.errors as Record<string, string>) : {};
  const typed: Record<string, string | undefined> = result && "values" in result ? result.values : {};
  const sentIntent = typed.intent;
  const problems = result && "problems" in result ? (result.problems as CsvRowProblem[]) : [];
  const final = year.finalisedAt !== null;
  const editable = mayManage && !final;
  const separator = locale === "id" ? "," : ".";
  const percentOf = (bp: number) => basisPointsToPercent(bp, separator);
  const pool = (role: "jasa_usaha" | "jasa_modal") => year.lines.find((line) => line.role === role)!;
  const funds = year.lines.filter((line) => line.role === "fund");
  const value = (name: string, saved: string) => (sentIntent === "inputs" ? (typed[name] ?? "") : saved);
  const error = (name: string) => errors[name] as MessageKey | undefined;
  const importing = navigation.state === "submitting" && navigation.formData?.get("intent") === "import";
  const imported = done?.startsWith("import-") ? Number(done.slice(7)) : null;
  const labels: Record<string, string> = {
    surplus: t("shu.field.surplus"),
    jasaUsahaPercent: t("shu.line.jasaUsaha"),
    jasaModalPercent: t("shu.line.jasaModal"),
    total: t("shu.field.total"),
    memberNumber: t("shu.member.number"),
    pokok: t("shu.field.pokok"),
    wajib: t("shu.field.wajib"),
    file: t("shu.import.file"),
  };
  return (
    <div className="max-w-5xl space-y-6">
      <header className="space-y-1">
        <p className="text-sm">
          <Link to="/admin/shu" className="underline underline-offset-2">{t("shu.title")}</Link>
        </p>
        <h1 className="text-2xl font-bold">{t("shu.year", { year: year.year })}</h1>
        <p className="text-muted">{t("shu.intro")}</p>
      </header>
      {done && doneMessages[done] ? <Alert tone="success">{t(doneMessages[done]!)}</Alert> : null}
      {imported !== null ? <Alert tone="success">{t("shu.import.done", { count: imported })}</Alert> : null}
      {errors.form ? <Alert tone="error">{t(errors.form as MessageKey)}</Alert> : null}
      <ErrorSummary errors={errors} labels={labels} />

      {final ? (
        <section aria-labelledby="lock-heading" className="rounded-2xl bg-sand-100 p-5 ring-1 ring-sand-300">
          <h2 id="lock-heading" className="font-semibold">{t("shu.locked.title")}</h2>
          <p className="text-sm">{t("shu.locked.body", { when: formatDateTime(locale, year.finalisedAt!, zone), who: year.finalisedByName ?? "—" })}</p>
          {mayManage ? (
            <Form method="post" className="mt-3">
              <SubmitButton intent="unlock" tone="quiet">{t("shu.unlock.submit")}</SubmitButton>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="report-heading" className="space-y-3 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="report-heading" className="text-lg font-semibold">{t("shu.report.allocation")}</h2>
          <span className="flex gap-2">
            <a href={`/admin/shu/${year.year}/report?format=pdf`} className="btn bg-white ring-1 ring-sand-300" download>{t("shu.download.pdf")}</a>
            <a href={`/admin/shu/${year.year}/report?format=csv`} className="btn bg-white ring-1 ring-sand-300" download>{t("shu.download.csv")}</a>
          </span>
        </div>
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="report-heading">
          <table className="w-full min-w-[20rem] text-sm" data-testid="shu-lines">
            <thead>
              <HeadRow labels={[t("shu.report.line"), t("shu.report.percent"), t("shu.report.amount")]} />
            </thead>
            <tbody className="divide-y divide-sand-200">
              {report.lines.map((line, index) => (
                <tr key={index}>
                  <th scope="row" className="py-2 pr-3 text-left font-medium">{shuLineName(line, t)}</th>
                  <td className="py-2 pr-3 text-right">{percentOf(line.basisPoints)} %</td>
                  <td className="py-2 text-right">{formatRupiah(line.amount)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="font-semibold">
                <th scope="row" className="py-2 pr-3 text-left">{t("shu.report.surplus")}</th>
                <td className="py-2 pr-3 text-right">100 %</td>
                <td className="py-2 text-right" data-testid="shu-surplus">{formatRupiah(report.surplus)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
        {report.undistributed.jasaUsaha > 0 ? <Alert tone="info">{t("shu.report.undistributed.jasaUsaha", { amount: formatRupiah(report.undistributed.jasaUsaha) })}</Alert> : null}
        {report.undistributed.jasaModal > 0 ? <Alert tone="info">{t("shu.report.undistributed.jasaModal", { amount: formatRupiah(report.undistributed.jasaModal) })}</Alert> : null}
      </section>

      <section aria-labelledby="members-heading" className="space-y-3 rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="members-heading" className="text-lg font-semibold">{t("shu.report.members")}</h2>
        <p className="text-sm text-muted">{t("shu.report.method")}</p>
        {memberCount === 0 ? (
          <p className="text-muted">{t("shu.report.noMembers")}</p>
        ) : (
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="members-heading">
            <table className="w-full min-w-[44rem] text-sm" data-testid="shu-members">
              <thead>
                <HeadRow
                  labels={[
                    t("shu.member.business"),
                    t("shu.field.pokok"),
                    t("shu.field.wajib"),
                    t("shu.report.sales"),
                    t("shu.line.jasaUsaha"),
                    t("shu.line.jasaModal"),
                    t("shu.report.total"),
                  ]}
                />
              </thead>
              <tbody className="divide-y divide-sand-200">
                {members.map((member) => (
                  <tr key={member.memberId}>
                    <th scope="row" className="py-2 pr-3 text-left font-medium">
                      {member.businessName} <span className="block text-xs font-normal text-muted">{member.memberNumber}</span>
                    </th>
                    <td className="py-2 pr-3 text-right">{formatRupiah(member.pokok)}</td>
                    <td className="py-2 pr-3 text-right">{formatRupiah(member.wajib)}</td>
                    <td className="py-2 pr-3 text-right">{formatRupiah(member.sales)}</td>
                    <td className="py-2 pr-3 text-right">{formatRupiah(member.jasaUsaha)}</td>
                    <td className="py-2 pr-3 text-right">{formatRupiah(member.jasaModal)}</td>
                    <td className="py-2 text-right font-semibold">{formatRupiah(member.total)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="font-semibold">
                  <th scope="row" className="py-2 pr-3 text-left">{t("shu.report.total")}</th>
                  <td className="py-2 pr-3 text-right" colSpan={2}>{formatRupiah(report.totals.savings)}</td>
                  <td className="py-2 pr-3 text-right">{formatRupiah(report.totals.sales)}</td>
                  <td className="py-2 pr-3 text-right" data-testid="shu-total-jasa-usaha">{formatRupiah(report.totals.jasaUsaha)}</td>
                  <td className="py-2 pr-3 text-right" data-testid="shu-total-jasa-modal">{formatRupiah(report.totals.jasaModal)}</td>
                  <td className="py-2 text-right" data-testid="shu-total">{formatRupiah(report.totals.total)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
        {pages > 1 ? (
          <nav aria-label={t("shu.report.members")} className="flex gap-3">
            {page > 1 ? <Link to={`?page=${page - 1}`} className="btn bg-white ring-1 ring-sand-300" aria-label={t("shu.page.previous")}>←</Link> : null}
            <span className="self-center text-sm">{page} / {pages}</span>
            {page < pages ? <Link to={`?page=${page + 1}`} className="btn bg-white ring-1 ring-sand-300" aria-label={t("shu.page.next")}>→</Link> : null}
          </nav>
        ) : null}
      </section>

      {editable ? (
        <>
          <section aria-labelledby="inputs-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
            <h2 id="inputs-heading" className="text-lg font-semibold">{t("shu.inputs.title")}</h2>
            <p className="text-sm text-muted">{t("shu.inputs.intro")}</p>
            <Form method="post" noValidate className="mt-4 space-y-4">
              <TextField name="surplus" label={t("shu.field.surplus")} inputMode="numeric" autoComplete="off" defaultValue={value("surplus", String(year.surplus))} error={error("surplus")} />
              <div className="grid gap-4 sm:grid-cols-2">
                <TextField name="jasaUsahaPercent" label={`${t("shu.line.jasaUsaha")} (%)`} hint={t("shu.hint.jasaUsaha")} inputMode="decimal" defaultValue={value("jasaUsahaPercent", percentOf(pool("jasa_usaha").basisPoints))} error={error("jasaUsahaPercent")} />
                <TextField name="jasaModalPercent" label={`${t("shu.line.jasaModal")} (%)`} hint={t("shu.hint.jasaModal")} inputMode="decimal" defaultValue={value("jasaModalPercent", percentOf(pool("jasa_modal").basisPoints))} error={error("jasaModalPercent")} />
              </div>
              <fieldset className="space-y-3">
                <legend className="font-semibold">{t("shu.inputs.funds")}</legend>
                <p className="text-sm text-muted">{t("shu.inputs.fundsHint")}</p>
                {Array.from({ length: MAX_FUND_LINES }, (_, index) => (
                  <div key={index} className="grid grid-cols-[1fr_7rem] gap-3">
                    <TextField name={`fundName${index}`} label={t("shu.field.fundName", { n: index + 1 })} defaultValue={value(`fundName${index}`, funds[index]?.name ?? "")} error={error(`fundName${index}`)} />
                    <TextField name={`fundPercent${index}`} label={t("shu.field.fundPercent")} inputMode="decimal" defaultValue={value(`fundPercent${index}`, funds[index] ? percentOf(funds[index].basisPoints) : "")} error={error(`fundPercent${index}`)} />
                  </div>
                ))}
              </fieldset>
              <p id="total" tabIndex={-1} className={`text-sm ${errors.total ? "font-semibold text-clay-700" : "text-muted"}`}>
                {errors.total ? t(errors.total as MessageKey) : t("shu.hint.total")}
              </p>
              <SubmitButton intent="inputs">{t("shu.inputs.submit")}</SubmitButton>
            </Form>
          </section>

          <section aria-labelledby="savings-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
            <h2 id="savings-heading" className="text-lg font-semibold">{t("shu.savings.title")}</h2>
            <p className="text-sm text-muted">{t("shu.savings.intro")}</p>
            <Form method="post" noValidate className="mt-4 grid gap-3 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end">
              <TextField name="memberNumber" label={t("shu.member.number")} autoComplete="off" defaultValue={sentIntent === "savings" ? typed.memberNumber : ""} error={error("memberNumber")} />
              <TextField name="pokok" label={t("shu.field.pokok")} inputMode="numeric" defaultValue={sentIntent === "savings" ? typed.pokok : ""} error={error("pokok")} />
              <TextField name="wajib" label={t("shu.field.wajib")} inputMode="numeric" defaultValue={sentIntent === "savings" ? typed.wajib : ""} error={error("wajib")} />
              <SubmitButton intent="savings">{t("shu.savings.submit")}</SubmitButton>
            </Form>

            <h3 className="mt-6 font-semibold">{t("shu.import.title")}</h3>
            <p className="text-sm text-muted">{t("shu.import.intro")}</p>
            <Form method="post" encType="multipart/form-data" noValidate className="mt-3 space-y-3">
              <TextField name="file" type="file" label={t("shu.import.file")} accept=".csv,text/csv" error={error("file")} />
              <SubmitButton intent="import">{t("shu.import.submit")}</SubmitButton>
              <p role="status" aria-live="polite" className="text-sm text-muted">{importing ? t("shu.import.working") : ""}</p>
            </Form>
            {problems.length > 0 ? (
              <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-clay-700" data-testid="shu-import-problems">
                {problems.map((problem, index) => (
                  <li key={index}>{t(problem.message, { line: problem.line, value: problem.value })}</li>
                ))}
              </ul>
            ) : null}
          </section>

          <section aria-labelledby="finalise-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
            <h2 id="finalise-heading" className="text-lg font-semibold">{t("shu.finalise.title")}</h2>
            <p className="text-sm text-muted">{t("shu.finalise.intro")}</p>
            <Form method="post" className="mt-3">
              <SubmitButton intent="finalise">{t("shu.finalise.submit")}</SubmitButton>
            </Form>
          </section>
        </>
      ) : null}
    </div>
  );
}
