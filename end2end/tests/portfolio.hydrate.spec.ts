// The worker portfolio hydrated (issue 5): the editor counts words while typing (GOV.UK
// character count, word mode) with a polite live region, checks the form in the browser
// with the server's validation, and keeps everything typed; the portfolio pages have no
// serious or critical accessibility violations (axe-core).
import { test, expect, type Page } from "@playwright/test";
import { hydration, signIn } from "./support/session";
import AxeBuilder from "@axe-core/playwright";
import { fillDate } from "./support/date";

const today = () => new Date().toISOString().slice(0, 10);

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
  page.on("pageerror", (error) => errors.push(String(error)));
  return errors;
}

test("PATH-ASYE-7: the word count updates while typing and is announced", async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, "ben.castillo@pathway.example");
  await page.goto("/portfolio/edit?kind=reflective_statement");
  await hydration(page);
  await expect(page.locator("#body-info")).toHaveText("You have 1,500 words remaining");
  // nine words: "My first months as a newly qualified social worker."
  await page.locator("#body").fill("My first months as a newly qualified social worker.");
  await expect(page.locator("#body-info")).toHaveText("You have 1,491 words remaining");
  await expect(page.locator("#body-sr")).toHaveAttribute("aria-live", "polite");
  await expect(page.locator("#body-sr")).toHaveText("You have 1,491 words remaining");
  await page.locator("#body").fill("word ".repeat(1512));
  await expect(page.locator("#body-info")).toHaveText("You have 12 words too many");
  const text = "Supervision helped me *slow down* my thinking.\n\n- plan each visit\n- record analysis";
  await page.locator("#body").fill(text);
  await expect(page.locator("#body-minimum")).toContainText("Write at least 1,000 words");

  // checked in the browser with the server's rules: no request, nothing lost
  const before = page.url();
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter the date written");
  expect(page.url()).toBe(before);
  await expect(page.locator("#body")).toHaveValue(text);

  await fillDate(page, "Date written", today());
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page).toHaveURL(/\/portfolio\/evidence\?id=.*saved=1/);
  await expect(page.locator("#saved-banner")).toContainText("Evidence saved");
  await expect(page.locator("#evidence-text em")).toHaveText("slow down");
  expect(errors, errors.join("\n")).toEqual([]);
});

test("PATH-MGMT-8: a worker adds a learning audit and the task list moves from 3 of 4 to complete", async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, "chloe.brennan@pathway.example");
  await page.goto("/portfolio");
  await hydration(page);
  await expect(page.locator("#task-PATH-MGMT-8")).toContainText("3 of 4 learning audits or management oversight examples");
  await page.locator("#task-PATH-MGMT-8 a").click();
  await expect(page.getByRole("heading", { name: "Add learning audit" })).toBeVisible();
  await hydration(page);
  await fillDate(page, "Date of the audit", today());
  await page.getByLabel("Type of audit").fill("Management oversight audit");
  await page.getByLabel("Anonymised case reference").fill("HCC-A-0420");
  await page.locator("#body").fill("The audit showed how I held risk across a sibling group.");
  await page.getByRole("button", { name: "Save as final" }).click();
  await expect(page.locator("#saved-banner")).toContainText("Evidence saved");
  await page.getByRole("link", { name: "Back to the pathway" }).click();
  await expect(page.locator("#task-PATH-MGMT-8")).toContainText("4 of 4");
  await expect(page.locator("#task-PATH-MGMT-8-status")).toHaveText("Complete");
  expect(errors, errors.join("\n")).toEqual([]);
});

test("the portfolio pages have no serious or critical accessibility violations", async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, "jordan.ellis@pathway.example");
  for (const path of ["/portfolio", "/portfolio/cpd", "/portfolio/edit?kind=reflective_statement", "/portfolio/edit?kind=cpd_activity"]) {
    await page.goto(path);
    await hydration(page);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${path}: ${v.id} ${v.help}`), path).toEqual([]);
  }
  await page.goto("/portfolio/cpd");
  await expect(page.locator("#cpd-allowance")).toContainText(/days? (left|over the allowance)/);
  expect(errors, errors.join("\n")).toEqual([]);
});
