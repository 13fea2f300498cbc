import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "~/lib/dates";
import { notFound, secretLinkPageHeaders } from "~/lib/http.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { useTimeZone } from "~/lib/time-zone";
import { applicationForLink } from "~/modules/membership/applications.server";
import { requireCooperative } from "~/web/cooperative.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const cooperative = await requireCooperative(request, context);
  const application = params.token ? await applicationForLink(context.db, cooperative.id, params.token) : undefined;
  if (!application) throw notFound();
  return data(
    {
      application: {
        businessName: application.businessName,
        ownerName: application.ownerName,
        status: application.status,
        reason: application.status === "rejected" ? application.decisionReason : null,
        submittedAt: application.submittedAt.toISOString(),
        decidedAt: application.decidedAt?.toISOString() ?? null,
      },
    },
    { headers: secretLinkPageHeaders },
  );
}

export const headers = () => secretLinkPageHeaders;

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("joining.status.title")} · ${root.cooperative.name}`, description: "", noindex: true }));

const steps = ["submitted", "decided"] as const;

export default function ApplicationStatusPage() {
  const { application } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const zone = useTimeZone();
  const decided = application.status !== "submitted";
  return (
    <div className="container-page max-w-2xl py-8">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("joining.status.title")}</h1>
      <p className="mt-2 text-muted">{t("joining.status.of", { business: application.businessName, owner: application.ownerName })}</p>
      <ol className="mt-6 space-y-4 rounded-2xl bg-white p-5 ring-1 ring-sand-200" aria-label={t("joining.status.steps")}>
        {steps.map((step) => {
          const done = step === "submitted" || decided;
          const when = step === "submitted" ? application.submittedAt : application.decidedAt;
          return (
            <li key={step} className="flex gap-3">
              <span aria-hidden className={`mt-1 h-3 w-3 shrink-0 rounded-full ${done ? "bg-sea-700" : "bg-sand-200 ring-2 ring-sand-300"}`} />
              <div>
                <p className="font-medium">{t(step === "submitted" ? "joining.status.step.submitted" : "joining.status.step.decided")}</p>
                <p className="text-sm text-muted">{done && when ? formatDateTime(locale, when, zone) : t("joining.status.step.waiting")}</p>
              </div>
            </li>
          );
        })}
      </ol>
      <section className="mt-6 rounded-2xl bg-white p-5 ring-1 ring-sand-200" aria-labelledby="status-now">
        <h2 id="status-now" className="text-lg font-semibold">{t(`joining.status.${application.status}.title`)}</h2>
        <p className="mt-2">{t(`joining.status.${application.status}.body`)}</p>
        {application.reason ? (
          <p className="mt-3 rounded-xl bg-sand-100 p-3">
            <span className="font-medium">{t("joining.status.reason")}</span> {application.reason}
          </p>
        ) : null}
        {application.status === "rejected" ? (
          <Link to="/daftar-anggota" className="btn mt-4 bg-sea-700 text-white">{t("joining.status.applyAgain")}</Link>
        ) : null}
      </section>
    </div>
  );
}
