import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Fragment } from "react";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { EmptyState } from "~/components/empty-state";
import { Pagination } from "~/components/listing/pagination";
import { useTimeZone } from "~/lib/time-zone";
import { formatDateTime, startOfDay } from "~/lib/dates";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { auditActors, auditKinds, listAuditStory, type AuditKind, type AuditStoryEntry } from "~/modules/audit/audit-story.queries.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { requireAbility } from "~/web/guards.server";

const filterSchema = z.object({
  kind: z.enum(Object.keys(auditKinds) as [AuditKind, ...AuditKind[]]).optional().catch(undefined),
  actor: z.uuid().optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).catch(1),
});

/** The actions the log can tell as a sentence; any other is shown with its code. */
const toldActions = [
  "listing.submitted", "listing.approved", "listing.auto_approved", "listing.changes_requested", "listing.rejected", "listing.archived",
  "stock.adjusted", "membership.application.approved", "membership.application.rejected",
  "bank_account.confirmed", "bank_account.rejected", "bank_account.viewed",
  "payment.transfer_confirmed", "payment.transfer_rejected", "payment.flag_resolved", "payment_proof.viewed", "payments.account_saved", "payments.account_disabled",
  "cooperative.created", "cooperative.settings_changed", "delivery.settings_saved", "delivery.rate_saved", "delivery.rate_deleted",
  "payout.run_created", "payout.run_approved", "payout.run_cancelled", "payout.run_exported", "payout.run_finished", "payout.paid", "payout.failed",
  "ledger.adjusted", "shu.year_opened", "shu.inputs_changed", "shu.finalised", "shu.unlocked",
] as const;
type ToldAction = (typeof toldActions)[number];
const isTold = (action: string): action is ToldAction => (toldActions as readonly string[]).includes(action);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "audit.read");
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const zone = timeZoneOfProvince(cooperative.province);
  const [entries, actors] = await Promise.all([
    listAuditStory(context.db, cooperative.id, resolveLocale(request), {
      kind: filter.kind,
      actorUserId: filter.actor,
      // Days as the cooperative counts them (its zone, not the server's or Jakarta's).
      from: filter.from ? startOfDay(filter.from, zone) : undefined,
      to: filter.to ? new Date(startOfDay(filter.to, zone).getTime() + 86_400_000) : undefined,
      page: filter.page,
    }),
    auditActors(context.db, cooperative.id),
  ]);
  return { entries, actors, filter, kinds: Object.keys(auditKinds) as AuditKind[] };
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("admin.nav.audit")} · ${root.cooperative.name}`, description: t("admin.nav.audit"), noindex: true }));

export default function AuditPage() {
  const { entries, actors, filter, kinds } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const zone = useTimeZone();
  const query = (page: number) => {
    const params = new URLSearchParams(Object.entries({ ...filter, page: String(page) }).filter(([, v]) => v) as [string, string][]);
    return `/admin/audit?${params}`;
  };
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("admin.nav.audit")}</h1>
      <Form method="get" className="grid gap-3 rounded-2xl bg-white p-4 ring-1 ring-sand-200 sm:grid-cols-5 sm:items-end">
        <label className="text-sm font-semibold">
          {t("audit.filter.kind")}
          <select name="kind" defaultValue={filter.kind ?? ""} className="field mt-1 font-normal">
            <option value="">{t("filter.all")}</option>
            {kinds.map((kind) => <option key={kind} value={kind}>{t(`audit.kind.${kind}`)}</option>)}
          </select>
        </label>
        <label className="text-sm font-semibold">
          {t("audit.filter.person")}
          <select name="actor" defaultValue={filter.actor ?? ""} className="field mt-1 font-normal">
            <option value="">{t("filter.all")}</option>
            {actors.map((actor) => <option key={actor.id} value={actor.id}>{actor.name}</option>)}
          </select>
        </label>
        <label className="text-sm font-semibold">
          {t("audit.filter.from")}
          <input name="from" type="date" defaultValue={filter.from ?? ""} className="field mt-1 font-normal" />
        </label>
        <label className="text-sm font-semibold">
          {t("audit.filter.to")}
          <input name="to" type="date" defaultValue={filter.to ?? ""} className="field mt-1 font-normal" />
        </label>
        <button type="submit" className="btn bg-sea-700 text-white">{t("filter.apply")}</button>
      </Form>
      {entries.items.length === 0 ? (
        <EmptyState title={t("audit.empty")} />
      ) : (
        <ol className="divide-y divide-sand-200 rounded-2xl bg-white ring-1 ring-sand-200">
          {entries.items.map((entry) => (
            <li key={entry.id} className="px-4 py-3 text-sm">
              <p className="text-base">
                <AuditSentence entry={entry} />
              </p>
              <p className="text-muted">
                {formatDateTime(locale, entry.createdAt, zone)}
                {entry.ipAddress ? ` · ${entry.ipAddress}` : ""}
              </p>
              {entry.before || entry.after ? (
                <details className="mt-1">
                  <summary className="flex min-h-11 cursor-pointer items-center text-sea-700">{t("audit.changes")}</summary>
                  <AuditChanges before={entry.before} after={entry.after} />
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <Pagination page={entries.page} pageCount={entries.pageCount} hrefFor={query} />
    </div>
  );
}

/** "Ibu Yuyun menyetujui Kripik Tempe Daun Jeruk": the person in bold, the subject a link to its page where it has one. */
function AuditSentence(props: { entry: AuditStoryEntry }) {
  const { t } = useI18n();
  const { entry } = props;
  const actor = entry.actorName ?? t("audit.system");
  const subject = entry.subject ?? t("audit.unknownSubject");
  const template = isTold(entry.action)
    ? t(`audit.says.${entry.action}`, { actor: "\u0001", subject: "\u0002" })
    : t("audit.says.other", { actor: "\u0001", subject: "\u0002", action: entry.action });
  return (
    <>
      {template.split(/(\u0001|\u0002)/).map((part, index) =>
        part === "\u0001" ? (
          <strong key={index}>{actor}</strong>
        ) : part === "\u0002" ? (
          entry.subjectHref ? (
            <Link key={index} to={entry.subjectHref} className="font-semibold text-sea-700 underline underline-offset-2">{subject}</Link>
          ) : (
            <span key={index} className="font-semibold">{subject}</span>
          )
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}

/** Before and after side by side, one row per field that either side names. */
function AuditChanges(props: { before: unknown; after: unknown }) {
  const { t } = useI18n();
  const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  const before = asRecord(props.before);
  const after = asRecord(props.after);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const show = (value: unknown) => (value === undefined ? "–" : typeof value === "string" ? value : JSON.stringify(value));
  return (
    <div className="mt-1 overflow-x-auto">
      <table className="w-full text-left text-xs">
        <thead className="text-muted">
          <tr>
            <th scope="col" className="py-1 pr-3 font-semibold">{t("audit.field")}</th>
            <th scope="col" className="py-1 pr-3 font-semibold">{t("audit.before")}</th>
            <th scope="col" className="py-1 font-semibold">{t("audit.after")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-sand-100 font-mono">
          {fields.map((field) => (
            <tr key={field}>
              <th scope="row" className="py-1 pr-3 font-semibold">{field}</th>
              <td className="max-w-[40ch] break-words py-1 pr-3 text-muted">{show(before[field])}</td>
              <td className="max-w-[40ch] break-words py-1">{show(after[field])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
