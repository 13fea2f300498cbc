import type { ReactNode } from "react";

/** The narrow, centred card of the sign-in, sign-up and password pages. */
export function AuthCard(props: { title: string; intro?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="container-page flex justify-center py-8 sm:py-14">
      <div className="w-full max-w-md rounded-3xl bg-white p-6 shadow-sm ring-1 ring-sand-200 sm:p-8">
        <h1 className="text-2xl font-bold">{props.title}</h1>
        {props.intro ? <div className="mt-2 text-muted">{props.intro}</div> : null}
        <div className="mt-6">{props.children}</div>
        {props.footer ? <div className="mt-6 border-t border-sand-200 pt-4 text-sm">{props.footer}</div> : null}
      </div>
    </div>
  );
}
