// Hydrated administration: the CSV import reports every bad row and imports nothing, and a
// set-password link is shown on the page, and opening it sets the password with the link's
// code kept out of the address bar (issue 17 item 8).
import { test, expect } from "@playwright/test";
import { hydration, signIn } from "./support/session";

const ADMIN = "alex.morgan@pathway.example";

test("a CSV with a bad row imports nothing and lists the problem", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await signIn(page, ADMIN, "/admin/import");
  await expect(page).toHaveURL(/\/admin\/import/);
  await page.getByLabel("CSV").fill(
    "Name,Email,Job title\nRowan Price,rowan.price@pathway.example,Social Worker\nSam Ng,not-an-email,Social Worker\n",
  );
  await page.getByRole("button", { name: "Import" }).click();
  const report = page.locator("#import-report");
  await expect(report).toContainText("Nothing was imported");
  await expect(report).toContainText("Row 2 (after the header row), Email");
  await page.goto("/admin/people");
  await expect(page.locator("#people")).not.toContainText("Rowan Price");
  expect(errors, errors.join("\n")).toEqual([]);
});

test("a set-password link is created, and opening it sets the password", async ({ page, browser }) => {
  await signIn(page, ADMIN, "/admin/people");
  await page.getByRole("link", { name: "Ravi Chauhan" }).click();
  await expect(page).toHaveURL(/\/admin\/person/);
  await hydration(page);
  await page.getByRole("button", { name: "Create link" }).click();
  const shown = page.locator("#set-password-link code");
  await expect(shown).toContainText("/set-password#");
  const link = (await shown.textContent()) ?? "";
  expect(link.startsWith("http://")).toBe(true);

  // Ravi opens it in a browser of his own
  const ravi = await (await browser.newContext()).newPage();
  await ravi.goto(link);
  await hydration(ravi);
  // the code went into the form and out of the address bar and history
  await expect(ravi).toHaveURL(/\/set-password$/);
  await expect(ravi.getByLabel("Code from your link")).toBeHidden();
  // a refused password comes back with its error, and the code is still there
  await ravi.getByLabel("New password").fill("too short");
  await ravi.getByRole("button", { name: "Set password" }).click();
  await expect(ravi.locator(".govuk-error-summary")).toContainText("at least 12 characters");
  await hydration(ravi);
  await expect(ravi.getByLabel("Code from your link")).toBeHidden();
  await ravi.getByLabel("New password").fill("lantern orchard ferry");
  await ravi.getByRole("button", { name: "Set password" }).click();
  await expect(ravi).toHaveURL(/\/sign-in\?password_set=1/);
  // the link is spent: opened again, it is refused
  await ravi.goto(link);
  await hydration(ravi);
  await ravi.getByLabel("New password").fill("another orchard ferry");
  await ravi.getByRole("button", { name: "Set password" }).click();
  await expect(ravi.locator(".govuk-error-summary")).toContainText("This link has expired or has already been used");
  await ravi.context().close();
});
