import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTimeZone } from "~/lib/time-zone";
import { formatDateTime } from "~/lib/dates";
import { notFound } from "~/lib/http.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { requireAbility } from "~/web/guards.server";
import { getOutboxEmail, SECRET_LINK } from "~/modules/notifications/outbox.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { cooperative } = await requireAbility(request, context, "outbox.read");
  const email = await getOutboxEmail(context.db, cooperative.id, params.id ?? "");
  if (!email) throw notFound();
  return {
    email: {
      id: email.id,
      toAddress: email.toAddress,
      subject: email.subject,
      // One-time links never reach this page: the stored text holds only a placeholder, named here as such.
      textParts: email.textBody.split(SECRET_LINK),
      status: email.status,
      attempts: email.attempts,
      lastError: email.lastError,
      createdAt: email.createdAt,
    },
  };
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ data, root }) => ({ title: `${data.email.subject} · ${root.cooperative.name}`, description: data.email.subject, noindex: true }));

/** An e-mail as the recipient would read it (the text part: links stay clickable and nothing runs). */
export default function OutboxEmailPage() {
  const { email } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const zone = useTimeZone();
  const linked = (text: string, key: number) =>
    text.split(/(https?:\/\/\S+)/g).map((part, index) =>
      /^https?:\/\//.test(part) ? (
        <a key={`${key}-${index}`} href={part} className="break-all text-sea-700 underline">{part}</a>
      ) : (
        <span key={`${key}-${index}`}>{part}</span>
      ),
    );
  return (
    <div className="max-w-3xl space-y-4">
      <Link to="/admin/outbox" className="text-sm font-semibold text-sea-700 underline">← {t("admin.nav.outbox")}</Link>
      <h1 className="text-2xl font-bold">{email.subject}</h1>
      <p className="text-sm text-muted">
        {t("outbox.to")}: {email.toAddress} · {formatDateTime(locale, email.createdAt, zone)} · {t(`outbox.status.${email.status}`)}
        {email.lastError ? ` · ${email.lastError}` : ""}
      </p>
      <article className="whitespace-pre-wrap rounded-2xl bg-white p-5 leading-relaxed ring-1 ring-sand-200">
        {email.textParts.map((text, index) => (
          <span key={index}>
            {index > 0 ? <em className="font-semibold text-muted">{t("outbox.secretLink")}</em> : null}
            {linked(text, index)}
          </span>
        ))}
      </article>
    </div>
  );
}
