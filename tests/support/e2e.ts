import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../db/seed/demo-users";

/** Fails on axe violations of serious or critical impact, naming each rule and element. */
export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Signs in through the form, in Indonesian, and waits until the page moved on or said why not. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("main").getByRole("button", { name: "Masuk" }).click();
  // The next step must not race the redirect.
  await expect
    .poll(async () => !new URL(page.url()).pathname.startsWith("/sign-in") || (await page.getByRole("alert").count()) > 0)
    .toBe(true);
}

/** A second person on their own phone (own cookies), same device profile as the test's. */
export async function newPhone(browser: Browser) {
  const context = await browser.newContext({ ...test.info().project.use, locale: "id-ID" });
  return context.newPage();
}
