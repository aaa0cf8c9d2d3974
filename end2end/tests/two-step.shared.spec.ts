// Two-step sign-in (issue 17 item 6), with JavaScript on and off: a person turns it on from
// their account (key and recovery codes shown once), and from then on the password leads
// to the code page; a recovery code works once. Then the sessions page (item 7) ends the
// other browsers' sessions.
import { test, expect, type Browser, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { signIn } from "./support/session";
import { totp } from "./support/totp";

const ADMIN = "alex.morgan@pathway.example";
const PASSWORD = "lantern orchard ferry";

/** Serious or critical accessibility problems on the page (axe runs its script in the page,
 * so only where JavaScript runs; the markup is the same either way). */
async function accessibilityProblems(page: Page): Promise<string[]> {
  if (test.info().project.name === "ssr") return [];
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} ${v.help}`);
}

/** A new member of staff with a password of their own (through the admin API and a link). */
async function newPerson(page: Page, baseURL: string): Promise<string> {
  await signIn(page, ADMIN, "/admin/people");
  const email = `nia.baptiste.${test.info().project.name}.${Date.now()}@pathway.example`;
  const api = { headers: { Origin: baseURL, Accept: "application/json" } };
  const created = await page.request.post("/api/admin/create_person", {
    ...api,
    form: { "form[full_name]": "Nia Baptiste", "form[email]": email, "form[job_title]": "Social Worker", "form[level]": "none" },
  });
  expect(created.status()).toBe(200);
  const made = await page.request.post("/api/admin/set_password_link", { ...api, form: { person_id: await created.json() } });
  const [, token] = ((await made.json()) as string).split("#");
  const set = await page.request.post("/api/auth/set_password", { ...api, form: { token, new_password: PASSWORD } });
  expect(set.status()).toBe(200);
  return email;
}

async function passwordStep(browser: Browser, baseURL: string, email: string): Promise<Page> {
  const javaScriptEnabled = test.info().project.name !== "ssr";
  const page = await (await browser.newContext({ baseURL, javaScriptEnabled })).newPage();
  await page.goto("/sign-in?next=%2Fportfolio");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\/code\?next=%2Fportfolio/);
  return page;
}

test("turned on, two-step sign-in asks for the app's code after the password", async ({ page, browser, baseURL }) => {
  // five password checks (each an Argon2 hash on the two shared cores) and four browsers in
  // one journey: CI once ran out of the default 30 s while every step was still on its way
  test.slow();
  const email = await newPerson(page, baseURL!);
  const person = await (await browser.newContext({ baseURL, javaScriptEnabled: test.info().project.name !== "ssr" })).newPage();
  await person.goto("/sign-in?next=%2Faccount%2Ftwo-step");
  await person.getByLabel("Email address").fill(email);
  await person.getByLabel("Password").fill(PASSWORD);
  await person.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(person).toHaveURL(/\/account\/two-step/);
  await expect(person.locator(".app-qr-code svg")).toBeVisible();
  const key = (await person.locator("#two-step-key").textContent()) ?? "";
  const recovery = await person.locator("#recovery-codes code").allTextContents();
  expect(recovery).toHaveLength(10);
  expect(await accessibilityProblems(person)).toEqual([]);
  // a wrong first code comes back beside the field, and the same key is still shown
  await person.getByLabel("Code", { exact: true }).fill("000000");
  await person.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(person.locator(".govuk-error-message")).toContainText("6-digit code");
  await expect(person.locator("#two-step-key")).toHaveText(key);
  await person.getByLabel("Code", { exact: true }).fill(totp(key));
  await person.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(person.locator("#two-step-on")).toContainText("Two-step sign-in is on");
  await expect(person.locator("#two-step-status")).toContainText("10 recovery codes left");

  // another browser: the password, then the code (the next step's: this one was used)
  const phone = await passwordStep(browser, baseURL!, email);
  expect(await accessibilityProblems(phone)).toEqual([]);
  await phone.getByLabel("Code", { exact: true }).fill(totp(key, 1));
  await phone.getByRole("button", { name: "Continue" }).click();
  await expect(phone).toHaveURL(/\/portfolio$/);

  // a recovery code, once
  const lost = await passwordStep(browser, baseURL!, email);
  await lost.getByLabel("Code", { exact: true }).fill(recovery[0]);
  await lost.getByRole("button", { name: "Continue" }).click();
  await expect(lost).toHaveURL(/\/portfolio$/);
  const again = await passwordStep(browser, baseURL!, email);
  await again.getByLabel("Code", { exact: true }).fill(recovery[0]);
  await again.getByRole("button", { name: "Continue" }).click();
  await expect(again.locator(".govuk-error-summary")).toContainText("6-digit code");
  await expect(again).toHaveURL(/\/sign-in\/code/);

  // where they are signed in (issue 17 item 7): this browser, the phone and the lost-phone
  // browser; "sign out everywhere else" ends the other two
  await person.goto("/account/sessions");
  await expect(person.locator("#sessions tbody tr")).toHaveCount(3);
  await expect(person.locator("#sessions")).toContainText("This device");
  expect(await accessibilityProblems(person)).toEqual([]);
  await person.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(person.locator("#sessions-ended")).toBeVisible();
  await expect(person.locator("#sessions tbody tr")).toHaveCount(1);
  await phone.goto("/portfolio");
  await expect(phone).toHaveURL(/\/sign-in/);
});
