// PATH-MGMT-3: Learning & Development keeps its list of core and development courses with
// plain forms (JavaScript off in `ssr`, hydrated in the other project), and a Level 3
// worker's CPD record offers those courses by name.
import { test, expect } from "@playwright/test";
import { signIn } from "./support/session";


test("PATH-MGMT-3: L&D adds a course, sees it listed, and removes it again", async ({ page }) => {
  const code = `TST-${Math.floor(Math.random() * 1e6)}`;
  await signIn(page, "tomasz.kowalczyk@pathway.example", "/training");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Core and development training");
  await expect(page.locator("#training-list")).toContainText("Court skills and giving evidence");

  // a course with no code, title, kind or level is refused, and the form says what to fix
  await page.getByRole("button", { name: "Add course" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter a course code");

  await page.getByLabel("Course code").fill(code);
  await page.getByLabel("Course title").fill("Working with interpreters");
  await page.getByLabel("Development training").check();
  await page.getByLabel("Level 3 Social Worker").check();
  await page.getByRole("button", { name: "Add course" }).click();
  await expect(page).toHaveURL(/\/training$/);
  const row = page.locator("#training-list tr", { hasText: code });
  await expect(row).toContainText("Working with interpreters");
  await expect(row).toContainText("Development training");
  await expect(row).toContainText("Level 3 Social Worker");

  await row.getByRole("button", { name: /Remove/ }).click();
  await expect(page.locator("#training-list")).not.toContainText(code);
});

test("PATH-MGMT-3: a worker names the course on a CPD record and readiness lists what is missing", async ({ page }) => {
  await signIn(page, "chloe.brennan@pathway.example", "/portfolio");
  await expect(page.locator("#task-PATH-MGMT-3")).toContainText("core and development courses done");
  await expect(page.locator("#task-PATH-MGMT-3")).toContainText("still needed:");
  await page.goto("/portfolio/edit?kind=cpd_activity");
  const course = page.getByLabel("Which course on Learning and Development's list");
  await expect(course.locator("option", { hasText: "Recording and report writing (Core training)" })).toHaveCount(1);
});

test("PATH-MGMT-3: a worker may read the course list but not change it", async ({ page }) => {
  await signIn(page, "jordan.ellis@pathway.example", "/training");
  await expect(page.locator("#training-list")).toContainText("CORE-01");
  await expect(page.getByRole("button", { name: "Add course" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Remove/ })).toHaveCount(0);
});
