// The worker portfolio with JavaScript off (issue 5): every form is a plain post to its
// server function, and a failed save comes back with the error summary and the text typed.
import { test, expect } from "@playwright/test";
import { signIn } from "./support/session";
import { fillDate } from "./support/date";

const today = () => new Date().toISOString().slice(0, 10);

test("PATH-L3-4: a worker adds a learning audit and the task list moves from 3 of 4 to complete", async ({ page }) => {
  await signIn(page, "aisha.rahman@pathway.example");
  await page.goto("/portfolio");
  await expect(page.getByRole("heading", { name: "My pathway" })).toBeVisible();
  await expect(page.locator("#task-list")).toBeVisible();
  await expect(page.locator("#task-PATH-L3-4")).toContainText("3 of 4 learning or peer audits");
  await expect(page.locator("#task-PATH-L3-4-status")).toHaveText("Incomplete");
  await expect(page.locator("#eligibility")).toContainText("You can apply from");

  await page.getByLabel("Kind of evidence").selectOption("learning_audit");
  await page.getByRole("button", { name: "Add evidence" }).click();
  await expect(page.getByRole("heading", { name: "Add learning audit" })).toBeVisible();
  await page.getByLabel("Title", { exact: true }).fill("Case file audit: domestic abuse");
  await fillDate(page, "Date of the audit", today());
  await page.getByLabel("Type of audit").fill("Themed audit");
  await page.getByLabel("Anonymised case reference").fill("HCC-A-0311");
  await page.locator("#body").fill("The audit showed *complex* risk managed with a clear safety plan.");
  await page.getByRole("button", { name: "Save as final" }).click();

  await expect(page.locator("#saved-banner")).toContainText("Evidence saved");
  await expect(page.locator("#evidence-text em")).toHaveText("complex");
  await page.getByRole("link", { name: "Back to the pathway" }).click();
  await expect(page.locator("#task-PATH-L3-4")).toContainText("4 of 4 learning or peer audits");
  await expect(page.locator("#task-PATH-L3-4-status")).toHaveText("Complete");
});

test("PATH-L3-8: a reflective statement without JavaScript; a failed save keeps what was typed", async ({ page }) => {
  await signIn(page, "aisha.rahman@pathway.example");
  await page.goto("/portfolio/edit?kind=reflective_statement");
  await expect(page.locator("#body-info")).toHaveText("You have 1,500 words remaining");
  await expect(page.locator("#body-sr")).toHaveAttribute("aria-live", "polite");
  const text = "I reflected on my work with Family E near LE1 6ZG and what it taught me about drift.";
  await page.locator("#body").fill(text);
  // no date: the server refuses, and the page comes back with everything typed
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter the date written");
  await expect(page.locator("#date-error")).toContainText("Enter the date written");
  await expect(page.locator("#restored")).toBeVisible();
  await expect(page.locator("#body")).toHaveValue(text);
  // the count is the server's, from the same rules
  await expect(page.locator("#body-info")).toHaveText("You have 1,482 words remaining");
  // identifying details only warn
  await expect(page.locator("#identifying-warning")).toContainText("postcode");

  await fillDate(page, "Date written", today());
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page.locator("#saved-banner")).toContainText("Evidence saved");
  await expect(page.locator("#word-count")).toHaveText("18");
});

test("CPD-2: the CPD log shows the additional days left and filters by type", async ({ page }) => {
  await signIn(page, "jordan.ellis@pathway.example");
  await page.goto("/portfolio/cpd");
  await expect(page.getByRole("heading", { name: "CPD log" })).toBeVisible();
  await expect(page.locator("#cpd-allowance")).toContainText(/days? (left|over the allowance)/);
  await page.getByLabel("Type of CPD").selectOption("core_training");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/type=core_training/);
  await expect(page.locator("#cpd-csv")).toHaveAttribute("href", /type=core_training/);
});
