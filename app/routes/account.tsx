import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { formatDateTime } from "~/lib/dates";
import { useTimeZone } from "~/lib/time-zone";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, SubmitButton, TextField } from "~/components/forms/field";
import { invalid, parseForm, refused } from "~/web/forms.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { clearSessionCookies } from "~/lib/session.server";
import { changePassword, deleteAccount } from "~/modules/identity/accounts.server";
import { identityErrors } from "~/modules/identity/errors";
import { changePasswordSchema } from "~/modules/identity/forms";
import { requireUser } from "~/web/guards.server";
import { ordersOfUser } from "~/modules/orders/orders.server";
import { formatRupiah } from "~/lib/money";
import type { MessageKey } from "~/lib/i18n/core";
import { EmptyState } from "~/components/empty-state";
import { Pagination } from "~/components/listing/pagination";
import { listSessions, revokeOtherSessions, revokeSession, sessionIdHash } from "~/modules/identity/sessions.server";

/** A shopper's orders a page at a time, newest first. */
const ORDERS_PER_PAGE = 10;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor, sessionToken, cooperative } = await requireUser(request, context);
  const current = sessionToken ? sessionIdHash(sessionToken) : "";
  const url = new URL(request.url);
  const page = Math.min(1000, Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const [sessions, orders] = await Promise.all([listSessions(context.db, actor.userId), ordersOfUser(context.db, cooperative.id, actor.userId, { page, pageSize: ORDERS_PER_PAGE })]);
  return {
    orders: { ...orders, page, pageCount: Math.max(1, Math.ceil(orders.total / ORDERS_PER_PAGE)) },
    user: { email: actor.email, name: actor.name, staff: actor.staffRoles.length > 0, member: actor.member !== null, operator: actor.isOperator },
    sessions: sessions.map((session) => ({ ...session, current: session.idHash === current })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor, sessionToken } = await requireUser(request, context);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "revoke-session") {
    const revoked = await revokeSession(context.db, actor.userId, String(formData.get("session") ?? ""));
    if (!revoked.ok) return refused(formData, identityErrors, revoked.error);
    return { ok: true as const, message: "account.sessions.revoked" };
  }
  if (intent === "revoke-others") {
    await revokeOtherSessions(context.db, actor.userId, sessionToken);
    return { ok: true as const, message: "account.sessions.revokedOthers" };
  }
  if (intent === "change-password") {
    const form = parseForm(changePasswordSchema, formData);
    if (!form.ok) return form.answer;
    const result = await changePassword(context.db, {
      userId: actor.userId,
      currentPassword: form.data.currentPassword,
      newPassword: form.data.password,
      keepSessionToken: sessionToken ?? "",
    });
    if (!result.ok) return refused(formData, identityErrors, result.error);
    return { ok: true as const, message: "account.password.changed" };
  }
  if (intent === "delete-account") {
    if (formData.get("confirm") !== actor.email) return invalid(formData, { confirm: "account.error.confirmDelete" });
    const result = await deleteAccount(context.db, actor.userId);
    if (!result.ok) return refused(formData, identityErrors, result.error);
    const headers = new Headers();
    for (const cookie of await clearSessionCookies()) headers.append("Set-Cookie", cookie);
    return redirect("/?deleted=1", { headers });
  }
  return data({ ok: false as const, errors: { form: "error.badRequest.body" }, values: {} }, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("account.title")} · ${root.cooperative.name}`, description: t("account.title"), noindex: true }));

export default function Account() {
  const { user, sessions, orders } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const errors: Record<string, string | undefined> = result && "errors" in result ? result.errors : {};
  const zone = useTimeZone();
  const when = (date: string | Date) => formatDateTime(locale, date, zone);
  return (
    <div className="container-page max-w-3xl space-y-8 py-8">
      <div>
        <h1 className="text-2xl font-bold">{t("account.title")}</h1>
        <p className="text-muted">{user.name ? `${user.name} · ` : ""}{user.email}</p>
        <div className="mt-3 flex flex-wrap gap-2">
          {user.staff ? <Link className="btn bg-sea-700 text-white" to="/admin">{t("nav.admin")}</Link> : null}
          {user.member ? <Link className="btn bg-sea-700 text-white" to="/member">{t("nav.member")}</Link> : null}
          {user.operator ? <Link className="btn bg-sea-700 text-white" to="/operator">{t("nav.operator")}</Link> : null}
        </div>
      </div>
      {result && "message" in result ? <Alert tone="success">{t(result.message as "account.password.changed")}</Alert> : null}
      {errors.form ? <Alert tone="error">{t(errors.form as "account.error.hasRoles")}</Alert> : null}

      <section aria-labelledby="orders-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="orders-heading" className="text-lg font-semibold">{t("account.orders.title")}</h2>
        {orders.total === 0 ? (
          <div className="mt-3">
            <EmptyState title={t("account.orders.empty")} body={t("account.orders.emptyBody")} link={{ to: "/products", label: t("account.orders.shop") }} />
          </div>
        ) : (
          <ul className="mt-3 divide-y divide-sand-200" data-testid="account-orders">
            {orders.orders.map((order) => (
              <li key={order.id}>
                <Link to={`/account/orders/${order.id}`} className="flex min-h-11 flex-wrap items-center justify-between gap-2 py-3 hover:bg-sand-50">
                  <span>
                    <span className="block font-semibold text-sea-700 underline">{order.number}</span>
                    <span className="block text-sm text-muted">{when(order.createdAt)} · {formatRupiah(order.total)}</span>
                  </span>
                  <span className="rounded-full bg-sand-100 px-3 py-1 text-sm font-semibold">{t(`order.status.${order.status}` as MessageKey)}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        <Pagination page={orders.page} pageCount={orders.pageCount} hrefFor={(page) => `/account?page=${page}#orders-heading`} />
      </section>

      <section aria-labelledby="sessions-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="sessions-heading" className="text-lg font-semibold">{t("account.sessions.title")}</h2>
        <p className="text-sm text-muted">{t("account.sessions.intro")}</p>
        <ul className="mt-3 divide-y divide-sand-200">
          {sessions.map((session) => (
            <li key={session.idHash} className="flex flex-wrap items-center justify-between gap-2 py-3">
              <div className="text-sm">
                <p className="font-medium">{describeAgent(session.userAgent)}{session.current ? ` · ${t("account.sessions.current")}` : ""}</p>
                <p className="text-muted">{t("account.sessions.lastSeen", { when: when(session.lastSeenAt) })}{session.ipAddress ? ` · ${session.ipAddress}` : ""}</p>
              </div>
              {session.current ? null : (
                <Form method="post">
                  <input type="hidden" name="session" value={session.idHash} />
                  <SubmitButton intent="revoke-session" tone="quiet">{t("account.sessions.revoke")}</SubmitButton>
                </Form>
              )}
            </li>
          ))}
        </ul>
        {sessions.length > 1 ? (
          <Form method="post" className="mt-2">
            <SubmitButton intent="revoke-others" tone="quiet">{t("account.sessions.revokeOthers")}</SubmitButton>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="password-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="password-heading" className="text-lg font-semibold">{t("account.password.title")}</h2>
        <p className="text-sm text-muted">{t("account.password.intro")}</p>
        <Form method="post" className="mt-4 space-y-4" noValidate>
          <input type="email" name="username" autoComplete="username" value={user.email} readOnly hidden />
          <TextField name="currentPassword" type="password" autoComplete="current-password" label={t("auth.field.currentPassword")} error={errors.currentPassword} />
          <TextField name="password" type="password" autoComplete="new-password" label={t("auth.field.newPassword")} hint={t("auth.hint.password")} error={errors.password} />
          <TextField name="confirmPassword" type="password" autoComplete="new-password" label={t("auth.field.confirmPassword")} error={errors.confirmPassword} />
          <SubmitButton intent="change-password">{t("account.password.submit")}</SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="data-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="data-heading" className="text-lg font-semibold">{t("account.data.title")}</h2>
        <p className="text-sm text-muted">{t("account.data.intro")}</p>
        <a href="/account/export" download className="btn mt-3 bg-white ring-1 ring-sand-300 hover:bg-sand-100">{t("account.data.download")}</a>
        <Form method="post" className="mt-6 space-y-3 border-t border-sand-200 pt-4" noValidate>
          <h3 className="font-semibold text-clay-700">{t("account.delete.title")}</h3>
          <p className="text-sm text-muted">{t("account.delete.intro")}</p>
          <TextField name="confirm" type="email" autoComplete="off" label={t("account.delete.confirm", { email: user.email })} error={errors.confirm} />
          <SubmitButton intent="delete-account" tone="danger">{t("account.delete.submit")}</SubmitButton>
        </Form>
      </section>

      <Form method="post" action="/sign-out">
        <SubmitButton tone="quiet">{t("nav.signOut")}</SubmitButton>
      </Form>
    </div>
  );
}

function describeAgent(userAgent: string): string {
  const browser = /Firefox\//.test(userAgent) ? "Firefox" : /Edg\//.test(userAgent) ? "Edge" : /Chrome\//.test(userAgent) ? "Chrome" : /Safari\//.test(userAgent) ? "Safari" : "Browser";
  const system = /Android/.test(userAgent) ? "Android" : /iPhone|iPad/.test(userAgent) ? "iOS" : /Windows/.test(userAgent) ? "Windows" : /Mac OS/.test(userAgent) ? "macOS" : /Linux/.test(userAgent) ? "Linux" : "";
  return system ? `${browser} · ${system}` : browser;
}
