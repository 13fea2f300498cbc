import fs from "node:fs";
import path from "node:path";
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

/**
 * Signs in without the sign-in page (decision 41): the form's own POST, as the browser sends it, from the page's
 * context (its cookies), then opens the page the shop sends that person to, as the form would. For journeys whose
 * subject is not signing in; the sign-in page itself is walked by `signIn` in the journeys about it.
 */
export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD) {
  const response = await page.request.post("/sign-in", { form: { email, password, redirectTo: "" }, maxRedirects: 0, failOnStatusCode: false });
  expect(response.status(), `signing in as ${email}`).toBe(302);
  const location = response.headers()["location"];
  expect(location, `where the shop sends ${email}`).toBeTruthy();
  await page.goto(location!);
}

/**
 * A shopper's browsing page works before its scripts run and hydrates once its photo is painted: a step
 * that needs the page's scripts (a navigation without reload, a menu) waits for this first.
 */
export async function waitForHydration(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

/** A second person on their own phone (own cookies), same device profile as the test's. */
export async function newPhone(browser: Browser) {
  const context = await browser.newContext({ ...test.info().project.use, locale: "id-ID" });
  return context.newPage();
}

interface MailboxEntry {
  to: string;
  subject: string;
  text: string;
  sentAt: string;
}

function readMailbox(): MailboxEntry[] {
  const directory = process.env.E2E_MAILBOX_DIR!;
  if (!fs.existsSync(directory)) return [];
  return fs
    .readdirSync(directory)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => JSON.parse(fs.readFileSync(path.join(directory, name), "utf8")) as MailboxEntry);
}

/**
 * The newest e-mail to `to` (whose subject matches) in the shop's local mailbox, once the shop has sent it:
 * e-mails leave in the background, so this waits for it as a person waits for their inbox.
 */
export async function waitForMail(to: string, subject: RegExp): Promise<MailboxEntry> {
  let found: MailboxEntry | undefined;
  await expect
    .poll(() => (found = readMailbox().filter((mail) => mail.to === to && subject.test(mail.subject)).at(-1)), { timeout: 20_000, message: `an e-mail to ${to}` })
    .toBeDefined();
  return found!;
}

/** The one-time link (path and token, without the host) in an e-mail. */
export function oneTimeLink(mail: MailboxEntry, kind: "invite" | "reset-password" | "sign-up/confirm" | "daftar-anggota/status"): { url: string; path: string } {
  const match = new RegExp(`https?://[^\\s/]+/${kind}/[\\w-]+`).exec(mail.text);
  expect(match, `a /${kind}/ link in "${mail.subject}"`).not.toBeNull();
  return { url: match![0], path: new URL(match![0]).pathname };
}

/**
 * The new-product form as a member's phone sends it (`intent: draft`), from the editor page's HTML (its one-time
 * token and the "Keripik & Camilan" category), with three generated photos.
 */
export async function newProductForm(editorHtml: string, name: string) {
  const token = /name="formToken" value="([^"]+)"/.exec(editorHtml)?.[1];
  const categoryId = /<option value="([0-9a-f-]{36})"[^>]*>Keripik &amp; Camilan<\/option>/.exec(editorHtml)?.[1];
  expect(token).toBeTruthy();
  expect(categoryId).toBeTruthy();
  const { default: sharp } = await import("sharp");
  const photo = async (color: string, file: string) => ({
    name: file,
    mimeType: "image/png",
    buffer: await sharp({ create: { width: 500, height: 400, channels: 3, background: color } }).png().toBuffer(),
  });
  return {
    formToken: token!,
    intent: "draft",
    categoryId: categoryId!,
    nameId: name,
    descriptionId: "Rengginang ketan dari Binor, dijemur di bawah matahari pantai.",
    price: "15000",
    stock: "5",
    weightGrams: "250",
    lengthCm: "20",
    widthCm: "15",
    heightCm: "6",
    netQuantity: "200 g",
    ingredientsId: "Beras ketan, garam, bawang putih",
    registrationType: "pirt",
    registrationNumber: "206351301014799",
    halalCertificateNumber: "ID35130000102310999",
    shelfLifeDays: "90",
    producerAddress: "Desa Binor, Kec. Paiton, Kab. Probolinggo",
    photo_product: await photo("#c2562d", "produk.png"),
    photo_packaging_front: await photo("#19737a", "depan.png"),
    photo_label_back: await photo("#e0a526", "label.png"),
  };
}

/** Fills the application form's address in Binor (Paiton, Probolinggo), waiting for each level's choices to load. */
export async function fillBinorAddress(page: Page, street: string) {
  await page.getByLabel("Provinsi").selectOption("35");
  await expect(page.getByLabel("Kabupaten/kota").locator("option[value='35.13']")).toHaveCount(1);
  await page.getByLabel("Kabupaten/kota").selectOption("35.13");
  await expect(page.getByLabel("Kecamatan").locator("option[value='35.13.12']")).toHaveCount(1);
  await page.getByLabel("Kecamatan").selectOption("35.13.12");
  await expect(page.getByLabel("Kelurahan/desa").locator("option[value='35.13.12.2020']")).toHaveCount(1);
  await page.getByLabel("Kelurahan/desa").selectOption("35.13.12.2020");
  await page.getByLabel(/Jalan/).fill(street);
  await page.getByLabel("Kode pos").fill("67291");
}

/** The food label and shipping fields of the product editor, with a valid P-IRT and halal number. */
export async function fillFoodLabelAndShipping(page: Page, label: { netQuantity: string; ingredients: string; shelfLifeDays: string }, shipping: [weight: string, length: string, width: string, height: string]) {
  await page.getByLabel("Berat/isi bersih").fill(label.netQuantity);
  await page.getByLabel("Komposisi", { exact: true }).fill(label.ingredients);
  await page.getByLabel("Nomor izin edar").fill("206351301014799");
  await page.getByLabel("Sertifikat halal").fill("ID35130000102310999");
  await page.getByLabel("Masa simpan (hari)").fill(label.shelfLifeDays);
  await page.getByLabel("Berat dengan kemasan (gram)").fill(shipping[0]);
  await page.getByLabel("Panjang (cm)").fill(shipping[1]);
  await page.getByLabel("Lebar (cm)").fill(shipping[2]);
  await page.getByLabel("Tinggi (cm)").fill(shipping[3]);
}
