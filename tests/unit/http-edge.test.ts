import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cleanCookieHeader, pathProblem, queryProblem, readUrlEncoded } from "~/lib/input-checks";
import { resolveLocale } from "~/lib/i18n/locale.server";
import { bodyBudget, bodyKind, FORM_BODY_BYTES, MAX_PHOTOS_PER_FORM, takesUploads, UPLOAD_BODY_BYTES } from "../../server/edge/budgets";
import { contentSecurityPolicy, externalOrigins } from "../../server/edge/security-headers";
import { MAX_UPLOAD_BYTES } from "~/modules/media/images";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("strict reading of url-encoded forms", () => {
  it("decodes fields as browsers send them", () => {
    expect(readUrlEncoded(bytes("email=siti%40example.com&name=Bu+Siti&note=caf%C3%A9&empty=&flag"), 10)).toEqual({
      ok: true,
      fields: [
        ["email", "siti@example.com"],
        ["name", "Bu Siti"],
        ["note", "café"],
        ["empty", ""],
        ["flag", ""],
      ],
    });
    expect(readUrlEncoded(bytes(""), 10)).toEqual({ ok: true, fields: [] });
  });

  it("names each problem: a NUL, a malformed escape, bytes that are not UTF-8, too many fields", () => {
    expect(readUrlEncoded(bytes("name=A%00B"), 10)).toEqual({ ok: false, problem: "nul" });
    expect(readUrlEncoded(bytes("na%00me=x"), 10)).toEqual({ ok: false, problem: "nul" });
    expect(readUrlEncoded(bytes("name=%E0%A4%A"), 10)).toEqual({ ok: false, problem: "malformed" });
    expect(readUrlEncoded(bytes("name=100%"), 10)).toEqual({ ok: false, problem: "malformed" });
    expect(readUrlEncoded(bytes("name=%FF"), 10)).toEqual({ ok: false, problem: "malformed" });
    expect(readUrlEncoded(new Uint8Array([0x6e, 0x3d, 0xff]), 10)).toEqual({ ok: false, problem: "malformed" });
    expect(readUrlEncoded(bytes("a=1&".repeat(11)), 10)).toEqual({ ok: false, problem: "tooMany" });
  });
});

describe("paths, queries and cookies", () => {
  it("refuses malformed escapes and NUL in a path or a query, and lets the rest through", () => {
    expect(pathProblem("/p/keripik-talas")).toBeNull();
    expect(pathProblem("/producers/%F0%9F%8D%8C")).toBeNull();
    expect(pathProblem("/c/%E0%A4%A")).toBe("malformed");
    expect(pathProblem("/%")).toBe("malformed");
    expect(pathProblem("/p/%00")).toBe("nul");
    expect(queryProblem("")).toBeNull();
    expect(queryProblem("?q=kripik+pedas&page=2&sort=%3Cscript%3E")).toBeNull();
    expect(queryProblem("?q=%FF")).toBe("malformed");
    expect(queryProblem("?producer=%25&q=%")).toBe("malformed");
    expect(queryProblem("?q=%00%01")).toBe("nul");
    expect(queryProblem("?q%00=1")).toBe("nul");
  });

  it("drops cookies that cannot be read, keeping the others as sent", () => {
    expect(cleanCookieHeader("lang=en; etalase_session=abc.def%2Bg")).toBe("lang=en; etalase_session=abc.def%2Bg");
    expect(cleanCookieHeader("lang=%E0%A4%A; etalase_session=abc")).toBe("etalase_session=abc");
    expect(cleanCookieHeader('x=a%00; y="quoted"; z=%; =novalue; bad name=1; ok=1')).toBe('y="quoted"; ok=1');
    expect(cleanCookieHeader("lang=%")).toBe("");
  });

  it("never fails a page on a language cookie that does not decode", () => {
    const request = new Request("http://shop.test/", { headers: { Cookie: "lang=%E0%A4%A", "Accept-Language": "en" } });
    expect(resolveLocale(request)).toBe("en");
  });
});

describe("body budgets", () => {
  it("gives forms a small budget and only the pages that take photos the photo budget", () => {
    expect(bodyKind("application/x-www-form-urlencoded;charset=UTF-8", "/sign-in")).toBe("form");
    expect(bodyKind("multipart/form-data; boundary=x", "/member/products/new")).toBe("upload");
    expect(bodyKind("multipart/form-data; boundary=x", "/member/products/new.data")).toBe("upload");
    expect(bodyKind("multipart/form-data; boundary=x", "/member/settings")).toBe("upload");
    expect(bodyKind("multipart/form-data; boundary=x", "/sign-up")).toBe("multipart");
    expect(bodyKind("multipart/form-data; boundary=x", "/member/products")).toBe("multipart");
    expect(bodyKind("application/json", "/payments/notify")).toBe("other");
    expect(bodyKind(undefined, "/sign-out")).toBe("other");
    expect(bodyBudget.form).toBe(FORM_BODY_BYTES);
    expect(bodyBudget.multipart).toBe(FORM_BODY_BYTES);
    expect(UPLOAD_BODY_BYTES).toBe(MAX_PHOTOS_PER_FORM * MAX_UPLOAD_BYTES + 1024 * 1024);
  });

  it("lists every page whose action reads photos, and no other", () => {
    const routes = path.join(process.cwd(), "app", "routes");
    const urlOf = (file: string) =>
      "/" +
      file
        .replace(/\.(tsx?|jsx?)$/, "")
        .split(".")
        .map((segment) => segment.replace(/_$/, "").replace(/^\$.*/, "some-id"))
        .filter((segment) => segment !== "_index")
        .join("/");
    for (const file of fs.readdirSync(routes)) {
      // A route reads photos itself, or through the shopper's order page action (the private link and the account share it).
      const source = fs.readFileSync(path.join(routes, file), "utf8");
      const readsPhotos = source.includes("readMultipartForm(") || source.includes("shopperOrderAction(");
      expect(takesUploads(urlOf(file)), file).toBe(readsPhotos);
    }
  });
});

describe("content security policy", () => {
  it("allows scripts from this site and with the response's nonce only, and nothing to frame the shop", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123" });
    expect(csp).toContain("script-src 'self' 'nonce-abc123'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("img-src 'self' data: blob: https://res.cloudinary.com");
    expect(csp).not.toContain("ws:");
  });

  it("takes third-party origins from the one list (payments later), and web sockets in development", () => {
    const origins = { ...externalOrigins, script: ["https://app.midtrans.com"], frame: ["https://app.midtrans.com"], connect: ["https://api.stripe.com"] };
    const csp = contentSecurityPolicy({ nonce: "n", origins, dev: true });
    expect(csp).toContain("script-src 'self' 'nonce-n' https://app.midtrans.com");
    expect(csp).toContain("frame-src 'self' https://app.midtrans.com");
    expect(csp).toContain("connect-src 'self' https://api.stripe.com ws: wss:");
  });
});
