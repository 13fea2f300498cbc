import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Stylesheet, StylesheetTextContext } from "~/components/stylesheet";
import { stylesheetText } from "~/lib/stylesheet-text.server";

describe("the shop's stylesheet in the page", () => {
  it("is inlined where the server has its text", () => {
    const html = renderToString(
      <StylesheetTextContext.Provider value={(href) => (href === "/assets/app-1.css" ? "header{position:sticky}" : undefined)}>
        <Stylesheet href="/assets/app-1.css" />
      </StylesheetTextContext.Provider>,
    );
    expect(html).toBe('<style data-href="/assets/app-1.css">header{position:sticky}</style>');
  });

  it("is linked where it has not (development)", () => {
    expect(renderToString(<Stylesheet href="/app/styles/app.css" />)).toBe('<link rel="stylesheet" href="/app/styles/app.css"/>');
  });

  it("reads only built stylesheets, by a plain asset name", () => {
    for (const href of ["/assets/../../package.json", "/etc/passwd", "/assets/app.js", "/assets/missing-abc.css"]) expect(stylesheetText(href)).toBeUndefined();
  });
});
