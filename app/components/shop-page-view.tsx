import type { ReactNode } from "react";

/**
 * One of the shop's own pages: its paragraphs as text (never HTML: what a manager typed cannot run in a shopper's
 * browser), single line breaks kept.
 */
export function ShopPageView(props: { title: string; paragraphs: string[]; children?: ReactNode }) {
  return (
    <div className="container-page max-w-2xl space-y-4 py-8">
      <h1 className="text-2xl font-bold">{props.title}</h1>
      {props.paragraphs.map((paragraph, index) => (
        <p key={index} className="whitespace-pre-line leading-relaxed">
          {paragraph}
        </p>
      ))}
      {props.children}
    </div>
  );
}
