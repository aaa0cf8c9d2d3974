// A team manager's dashboard lists their workers, each linked to that worker's pathway.
import { test, expect } from "@playwright/test";
import { signIn } from "./support/session";

test("a team manager opens a worker's pathway from their dashboard", async ({ page }) => {
  await signIn(page, "daniel.okafor@pathway.example", "/dashboard/team-manager");
  await expect(page).toHaveURL(/\/dashboard\/team-manager/);
  const workers = page.locator("#my-workers");
  await expect(workers).toContainText("Jordan Ellis");
  await expect(workers).not.toContainText("Chloe Brennan");
  await workers.getByRole("link", { name: "Jordan Ellis", exact: true }).click();
  await expect(page).toHaveURL(/\/portfolio\?person=/);
  await expect(page.locator(".govuk-caption-l")).toHaveText("Jordan Ellis");
  // PORTFOLIO: the manager may add a written observation of practice from here
  await expect(page.getByRole("link", { name: /observation/i }).first()).toBeVisible();
});
