import type { ErrorTable } from "~/lib/results";

export const identityErrors = {
  wrong_credentials: { status: 401, message: "auth.error.invalid" },
  locked: { status: 429, message: "auth.error.locked" },
  too_many_sign_ups: { status: 429, message: "auth.error.tooManySignUps" },
  too_many_resets: { status: 429, message: "auth.error.tooManyResets" },
  invalid_link: { status: 404, message: "auth.error.linkInvalid" },
  account_exists: { status: 409, message: "auth.signUp.exists" },
  wrong_current_password: { status: 403, message: "auth.error.currentPassword", field: "currentPassword" },
  has_roles: { status: 409, message: "account.error.hasRoles" },
  session_gone: { status: 404, message: "account.error.sessionGone" },
  wrong_account: { status: 403, message: "auth.invite.signInToAccept" },
  has_password: { status: 409, message: "auth.invite.signInToAccept" },
  needs_password: { status: 409, message: "auth.error.passwordLength" },
  already_in_other_business: { status: 409, message: "auth.invite.otherBusiness" },
} satisfies ErrorTable;

export type IdentityError = keyof typeof identityErrors;
