// Issue 14 item 2, DEC-1, with JavaScript on and off: Sofia Marsh (Level 2, Hillcrest) has
// been eligible for Level 3 for months and nobody has decided. Her team manager (Helen
// Fairweather) sees her flagged first with how long she has waited; the service manager
// (Priya Natarajan) sees the flag rolled up on Hillcrest's row and reaches her through it;
// the panel secretariat (Maya Lindqvist) sees her among those waiting. No spec records a
// decision for Sofia, so the flag stands in both projects.
import { test, expect } from "@playwright/test";
import { signIn } from "./support/session";

const HELEN = "helen.fairweather@pathway.example";
const PRIYA = "priya.natarajan@pathway.example";
const MAYA = "maya.lindqvist@pathway.example";

test("DEC-1: an eligible worker without a decision is flagged on the team manager's and the service manager's dashboards", async ({
  page,
}) => {
  // the team manager: the warning, and Sofia first with her wait
  await signIn(page, HELEN, "/dashboard/team-manager");
  await expect(page.locator("#flagged-summary")).toContainText("1 worker is eligible and waiting for a decision");
  const first = page.locator("#my-workers tbody tr").first();
  await expect(first).toContainText("Sofia Marsh");
  await expect(first).toContainText("Decision needed");
  await expect(first).toContainText(/Waiting \d+ days/);
  await expect(first).toContainText("Eligible since");
  // Aisha is not eligible yet: listed, not flagged
  const aisha = page.locator("#my-workers tbody tr", { hasText: "Aisha Rahman" });
  await expect(aisha).not.toContainText("Decision needed");
  // the filter (a GET form) leaves only those waiting
  await page.getByLabel("Show").selectOption("flagged");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/show=flagged/);
  await expect(page.locator("#my-workers tbody tr")).toHaveCount(1);
  await expect(page.locator("#workers-shown")).toHaveText("Showing 1 to 1 of 1 workers");
  // sorting by name is a link on the column heading
  await page.locator("#my-workers").getByRole("link", { name: "Worker" }).click();
  await expect(page).toHaveURL(/sort=name&show=flagged/);
  await expect(page.locator("#my-workers th[aria-sort=ascending]")).toContainText("Worker");

  // the service manager: the flag rolled up per team, and the team's row leads to her
  await signIn(page, PRIYA, "/dashboard/service-manager");
  const hillcrest = page.locator("#team-rollup tbody tr", { hasText: "Hillcrest" });
  await expect(hillcrest.locator("td").nth(1)).toHaveText("1");
  await expect(page.locator("#team-rollup tbody tr", { hasText: "Riverside" }).locator("td").nth(1)).toHaveText("0");
  await hillcrest.getByRole("link").click();
  await expect(page).toHaveURL(/show=flagged&team=Hillcrest/);
  await expect(page.locator("#my-workers tbody tr")).toHaveCount(1);
  await expect(page.locator("#my-workers tbody tr").first()).toContainText("Sofia Marsh");

  // the panel secretariat sees who is waiting, and who is endorsed and coming
  await signIn(page, MAYA, "/dashboard/secretariat");
  await expect(page.getByRole("heading", { name: "Who is and is not coming to panel" })).toBeVisible();
  await expect(page.locator("#my-workers tbody tr", { hasText: "Sofia Marsh" })).toContainText("Decision needed");
});
