import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { EmptyState } from "~/components/empty-state";
import { Pagination } from "~/components/listing/pagination";
import { useTimeZone } from "~/lib/time-zone";
import { formatDateTime, startOfDay } from "~/lib/dates";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { auditActions, listAudit } from "~/modules/audit/audit.server";
import { requireAbility } from "~/web/guards.server";

const filterSchema = z.object({
  action: z.string().max(100).regex(/^[a-z_.]*$/).optional().catch(undefined),
  actor: z.string().max(200).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).catch(1),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "audit.read");
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const zone = timeZoneOfProvince(cooperative.province);
  const [entries, actions] = await Promise.all([
    listAudit(context.db, cooperative.id, {
      action: filter.action || undefined,
      actorEmail: filter.actor || undefined,
      // Days as the cooperative counts them (its zone, not the server's or Jakarta's).
      from: filter.from ? startOfDay(filter.from, zone) : undefined,
      to: filter.to ? new Date(startOfDay(filter.to, zone).getTime() + 86_400_000) : undefined,
      page: filter.page,
    }),
    auditActions(context.db, cooperative.id),
  ]);
  return { entries, actions, filter };
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("admin.nav.audit")} · ${root.cooperative.name}`, description: t("admin.nav.audit"), noindex: true }));

export default function AuditPage() {
  const { entries, actions, filter } = useLoaderData<typeof loader>();
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
          {t("audit.filter.action")}
          <select name="action" defaultValue={filter.action ?? ""} className="field mt-1 font-normal">
            <option value="">{t("filter.all")}</option>
            {actions.map((action) => <option key={action} value={action}>{action}</option>)}
          </select>
        </label>
        <label className="text-sm font-semibold">
          {t("audit.filter.actor")}
          <input name="actor" type="email" defaultValue={filter.actor ?? ""} className="field mt-1 font-normal" />
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
              <p>
                <span className="font-mono font-semibold">{entry.action}</span> · {entry.entityType} <span className="font-mono text-xs text-muted">{entry.entityId.slice(0, 80)}</span>
              </p>
              <p className="text-muted">
                {formatDateTime(locale, entry.createdAt, zone)} · {entry.actorName || entry.actorEmail || t("audit.system")}
                {entry.ipAddress ? ` · ${entry.ipAddress}` : ""}
              </p>
              {entry.before || entry.after ? (
                <details className="mt-1">
                  <summary className="cursor-pointer text-sea-700">{t("audit.changes")}</summary>
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
