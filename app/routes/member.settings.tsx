import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { data } from "@remix-run/node";
import { AreaSelects } from "~/components/area-selects";
import { BankAccountList } from "~/components/bank-account-list";
import { PeopleList } from "~/components/people-list";
import { ResponsiveImage } from "~/components/responsive-image";
import { Alert, SubmitButton, TextAreaField, TextField } from "~/components/forms/field";
import { CheckboxField } from "~/components/forms/checkbox-field";
import { ErrorSummary } from "~/components/forms/error-summary";
import { PayoutAccountFields } from "~/components/forms/payout-account-fields";
import { invalid, parseForm, refused, submitFormOnce } from "~/web/forms.server";
import { newFormToken } from "~/lib/form-token.server";
import { FormToken } from "~/components/forms/form-token";
import { httpError, notFound } from "~/lib/http.server";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { useI18n } from "~/lib/i18n/react";
import { pageMeta } from "~/lib/route-meta";
import { requireMemberUser } from "~/web/guards.server";
import { payoutChoices } from "~/lib/indonesia/payout-accounts";
import { listProvinces, resolveArea } from "~/lib/indonesia/areas.server";
import { editBusinessProfile, inviteHelper, inviteHelperErrors, moveBusiness } from "~/flows/edit-business.server";
import { getMemberDashboard, requestBankAccountChange, setMemberPhoto } from "~/modules/membership/members.server";
import { discardImages, storeImage } from "~/modules/media/store.server";
import { checkImage, fileBytes, mediaErrors, readMultipartForm } from "~/web/upload.server";
import { acceptedImageTypes } from "~/modules/media/images";
import { bankAccountSchema, helperSchema, profileSchema } from "~/modules/membership/settings-forms";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { cooperative, member } = await requireMemberUser(request, context);
  const dashboard = await getMemberDashboard(context.db, cooperative.id, member.memberId);
  if (!dashboard) throw notFound();
  const { member: business } = dashboard;
  return {
    isOwner: member.role === "owner",
    profile: {
      specialtyId: business.specialtyId,
      specialtyEn: business.specialtyEn,
      storyId: business.storyId,
      storyEn: business.storyEn,
      phone: business.phone,
      shown: business.profileConfirmedAt !== null,
    },
    profileStatus: (business.profileConfirmedAt === null ? "needsConfirm" : dashboard.products.live > 0 ? "public" : "needsProduct") as "needsConfirm" | "public" | "needsProduct",
    people: dashboard.people,
    bankAccounts: dashboard.bankAccounts,
    place: [business.village, business.district, business.regency, business.province].filter(Boolean).join(", "),
    photo: dashboard.photo,
    provinces: await listProvinces(),
    payout: payoutChoices(),
    formToken: newFormToken(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { cooperative, member, actor } = await requireMemberUser(request, context);
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  const read = multipart ? await readMultipartForm(request) : { formData: await request.formData() };
  if ("refused" in read) return data({ ok: false as const, errors: { photo: read.refused }, values: {} }, { status: read.status });
  const { formData } = read;
  const intent = formData.get("intent");
  if (intent !== "profile" && intent !== "photo" && member.role !== "owner") throw httpError(403, "member.error.ownerOnly");
  if (intent === "photo") {
    const bytes = await fileBytes(formData.get("photo"));
    if (!bytes) return invalid(formData, { photo: "upload.error.missing" });
    const checked = await checkImage(bytes);
    if (!checked.ok) return refused(formData, mediaErrors, checked.error);
    const assetId = await storeImage(context.db, context.mediaRoot, cooperative.id, bytes);
    await setMemberPhoto(context.db, cooperative.id, member.memberId, assetId).catch(async (error: unknown) => {
      await discardImages(context.db, context.mediaRoot, cooperative.id, [assetId]);
      throw error;
    });
    return { ok: true as const, message: "member.saved.photo" };
  }
  if (intent === "place") {
    const codes = Object.fromEntries(["provinceCode", "regencyCode", "districtCode", "villageCode"].map((key) => [key, String(formData.get(key) ?? "")]));
    const place = await resolveArea(codes as { provinceCode: string; regencyCode: string; districtCode: string; villageCode: string });
    if (!place) return invalid(formData, { villageCode: "apply.error.area" });
    await moveBusiness(context.db, cooperative.id, member.memberId, place);
    return { ok: true as const, message: "member.saved.place" };
  }
  if (intent === "profile") {
    const form = parseForm(profileSchema, formData);
    if (!form.ok) return form.answer;
    await editBusinessProfile(context.db, cooperative.id, member.memberId, form.data);
    return { ok: true as const, message: "member.saved.profile" };
  }
  if (intent === "bank") {
    // A second post of the same change (a double tap) puts one request before the treasurer.
    const key = { cooperativeId: cooperative.id, purpose: "bank.change", userId: actor.userId };
    const sent = await submitFormOnce(context.db, key, formData, async (tx) => {
      const form = parseForm(bankAccountSchema, formData);
      if (!form.ok) return { refused: form.answer };
      await requestBankAccountChange(tx, {
        cooperativeId: cooperative.id,
        memberId: member.memberId,
        userId: actor.userId,
        kind: form.data.kind,
        bankCode: form.data.code,
        accountNumber: form.data.number,
        holderName: form.data.holder,
      });
      return { done: { requested: true } };
    });
    if (!sent.ok) return sent.answer;
    return { ok: true as const, message: "member.saved.bank" };
  }
  if (intent === "helper") {
    // A second post of the same invitation (a double tap) sends no second e-mail.
    const key = { cooperativeId: cooperative.id, purpose: "helper.invite", userId: actor.userId };
    const sent = await submitFormOnce(context.db, key, formData, async (tx) => {
      const form = parseForm(helperSchema, formData);
      if (!form.ok) return { refused: form.answer };
      const result = await inviteHelper(tx, {
        cooperative,
        memberId: member.memberId,
        email: form.data.email,
        locale: resolveLocale(request),
        invitedByUserId: actor.userId,
      });
      if (!result.ok) return { refused: refused(formData, inviteHelperErrors, result.error) };
      return { done: { invited: true } };
    });
    if (!sent.ok) return sent.answer;
    return { ok: true as const, message: "member.saved.helper" };
  }
  return invalid(formData, { form: "error.badRequest.body" }, 400);
}

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, ({ root, t }) => ({ title: `${t("member.nav.settings")} · ${root.cooperative.name}`, description: t("member.nav.settings"), noindex: true }));

export default function MemberSettings() {
  const { isOwner, profile, profileStatus, people, bankAccounts, payout, place, photo, provinces, formToken } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const errors: Record<string, string | undefined> = result && "errors" in result ? result.errors : {};
  const values: Record<string, string | undefined> = result && "values" in result ? result.values : {};
  return (
    <div className="max-w-3xl space-y-8">
      <h1 className="text-2xl font-bold">{t("member.nav.settings")}</h1>
      {result && "message" in result ? <Alert tone="success">{t(result.message as "member.saved.profile")}</Alert> : null}
      {errors.form ? <Alert tone="error">{t(errors.form as "error.badRequest.body")}</Alert> : null}
      <ErrorSummary errors={errors} />

      <section aria-labelledby="profile-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="profile-heading" className="text-lg font-semibold">{t("member.profile.title")}</h2>
        <p className="text-sm text-muted">{t("joining.profile.intro")}</p>
        <p className={`mt-3 rounded-xl p-3 text-sm font-medium ring-1 ${profileStatus === "public" ? "bg-sea-50 text-sea-800 ring-sea-100" : "bg-sand-100 text-ink ring-sand-300"}`}>
          {t(`joining.profile.status.${profileStatus}`)}
        </p>
        <Form method="post" className="mt-4 space-y-4" noValidate>
          <TextField name="specialtyId" label={t("member.profile.specialtyId")} defaultValue={values.specialtyId ?? profile.specialtyId} error={errors.specialtyId} />
          <TextField name="specialtyEn" label={t("member.profile.specialtyEn")} defaultValue={values.specialtyEn ?? profile.specialtyEn} error={errors.specialtyEn} />
          <TextAreaField name="storyId" label={t("member.profile.storyId")} defaultValue={values.storyId ?? profile.storyId} error={errors.storyId} rows={5} />
          <TextAreaField name="storyEn" label={t("member.profile.storyEn")} defaultValue={values.storyEn ?? profile.storyEn} error={errors.storyEn} rows={5} />
          <TextField name="phone" type="tel" inputMode="tel" autoComplete="tel" label={t("apply.field.phone")} defaultValue={values.phone ?? profile.phone} error={errors.phone} />
          <CheckboxField
            id="showProfile"
            name="showProfile"
            label={t("joining.profile.confirm")}
            hint={t("joining.profile.confirmHint")}
            defaultChecked={values.intent === "profile" ? values.showProfile === "on" : profile.shown}
          />
          <SubmitButton intent="profile">{t("form.save")}</SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="photo-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="photo-heading" className="text-lg font-semibold">{t("member.photo.title")}</h2>
        <div className="mt-3 flex flex-wrap items-center gap-4">
          {photo ? <ResponsiveImage image={photo} sizes="6rem" alt={t("member.photo.current")} className="h-24 w-24 rounded-full object-cover" /> : null}
          <Form method="post" encType="multipart/form-data" className="flex-1 space-y-3">
            <TextField name="photo" type="file" accept={acceptedImageTypes} label={t("member.photo.choose")} hint={t("member.photo.hint")} error={errors.photo} />
            <SubmitButton intent="photo">{t("member.photo.upload")}</SubmitButton>
          </Form>
        </div>
      </section>

      <section aria-labelledby="place-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="place-heading" className="text-lg font-semibold">{t("member.place.title")}</h2>
        <p className="text-sm text-muted">{t("member.place.current", { place })}</p>
        <Form method="post" className="mt-4 space-y-4" noValidate>
          <AreaSelects provinces={provinces} initial={{}} errors={errors} />
          <SubmitButton intent="place">{t("member.place.submit")}</SubmitButton>
        </Form>
      </section>

      <section id="bank" aria-labelledby="bank-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="bank-heading" className="text-lg font-semibold">{t("joining.payout.title")}</h2>
        <p className="text-sm text-muted">{bankAccounts.length === 0 ? t("joining.payout.needed") : t("bank.changeIntro")}</p>
        <div className="mt-3"><BankAccountList accounts={bankAccounts} /></div>
        {isOwner ? (
          <Form method="post" className="mt-4 space-y-4" noValidate>
            <FormToken token={formToken} />
            <PayoutAccountFields choices={payout} values={values} errors={errors} />
            <SubmitButton intent="bank">{bankAccounts.length === 0 ? t("joining.payout.submit") : t("bank.submitChange")}</SubmitButton>
          </Form>
        ) : (
          <p className="mt-3 text-sm text-muted">{t("member.error.ownerOnly")}</p>
        )}
      </section>

      <section aria-labelledby="people-heading" className="rounded-2xl bg-white p-5 ring-1 ring-sand-200">
        <h2 id="people-heading" className="text-lg font-semibold">{t("member.people.title")}</h2>
        <PeopleList people={people} />
        {isOwner ? (
          <Form method="post" className="mt-4 space-y-3" noValidate>
            <FormToken token={formToken} />
            <TextField name="email" type="email" inputMode="email" label={t("member.people.inviteEmail")} hint={t("member.people.inviteHint")} defaultValue={values.email} error={errors.email} />
            <SubmitButton intent="helper">{t("member.people.invite")}</SubmitButton>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
