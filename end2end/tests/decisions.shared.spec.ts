// Issue 14, DEC-1 to DEC-3 and DEC-5, with JavaScript on and off: Jordan Ellis's team
// manager (Daniel Okafor) records "not yet" — refused without a dated plan, then with one,
// which sends a notice to Jordan, the service manager (Priya Natarajan) and the panel
// secretariat (Maya Lindqvist); Jordan agrees the plan; then Daniel endorses, citing the
// observation of practice, and Jordan's task list shows PATH-L3-9 met and ready to apply.
import { test, expect, type Page } from "@playwright/test";
import { fillDate } from "./support/date";
import { signIn } from "./support/session";

const DANIEL = "daniel.okafor@pathway.example";
const JORDAN = "jordan.ellis@pathway.example";
const PRIYA = "priya.natarajan@pathway.example";
const MAYA = "maya.lindqvist@pathway.example";

function inDays(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return date.toISOString().slice(0, 10);
}

async function openJordansDecisions(page: Page) {
  await signIn(page, DANIEL, "/dashboard/team-manager");
  await page.locator("#my-workers").getByRole("link", { name: "Decisions: Jordan Ellis" }).click();
  await expect(page.getByRole("heading", { name: "Decisions: Jordan Ellis" })).toBeVisible();
}

async function noticeFor(page: Page, email: string) {
  await signIn(page, email, "/dashboard");
  // the menu counts what is unread; opening the list marks it read
  const menu = page.locator("#role-navigation");
  await expect(menu).toContainText(/Notices \(\d+ new\)/);
  await menu.getByRole("link", { name: /^Notices/ }).click();
  await expect(page.getByRole("heading", { name: "Your notices" })).toBeVisible();
  const notice = page.locator("#notices li", { hasText: `not yet endorsed` }).first();
  await expect(notice).toContainText("Jordan Ellis: not yet endorsed for Level 2 Social Worker to Level 3 Social Worker");
  await expect(notice).toContainText("New");
}

test("not yet needs a dated plan; the notice reaches the worker, the service manager and the secretariat; the worker agrees; an endorsement meets PATH-L3-9", async ({ page }) => {
  const run = `${test.info().project.name} ${Date.now()}`;
  const reason = `More observed practice first (${run})`;

  // DEC-2: "not yet" without a plan is refused beside the first action, keeping the reason
  await openJordansDecisions(page);
  await page.getByLabel("Not yet: I will set a development plan").check();
  await page.getByLabel("Why not yet").fill(reason);
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.locator("#error-summary")).toContainText("needs at least one development action with a due date");
  await expect(page.locator("#action_1-error")).toContainText("at least one development action");
  await expect(page.getByLabel("Why not yet")).toHaveValue(reason);

  // with a dated plan it is recorded
  await page.getByLabel("Not yet: I will set a development plan").check();
  await page.getByLabel("Action 1", { exact: true }).fill("Two observed visits with your team manager");
  await fillDate(page, "Action 1 is due by", inDays(60));
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.locator("#decision-recorded")).toContainText("Your decision is recorded");
  await expect(page.locator("#decisions .app-decision").first()).toContainText(reason);

  // the written notice: the worker, the service manager and the secretariat
  for (const email of [PRIYA, MAYA, JORDAN]) await noticeFor(page, email);

  // the worker reads the plan from their pathway, and the endorsement no longer counts
  await page.goto("/portfolio");
  await expect(page.locator("#task-PATH-L3-9-status")).toContainText("Incomplete");
  await page.locator("#decisions-link").click();
  await expect(page.getByRole("heading", { name: "Your manager's decisions" })).toBeVisible();
  await page.getByLabel("I agree with the plan").check();
  await page.getByRole("button", { name: "Send my answer" }).click();
  await expect(page.locator("#plan-answered")).toContainText("Your answer is recorded");
  await expect(page.locator("#decisions .app-decision").first()).toContainText("The worker agreed the plan");

  // DEC-3: Daniel endorses, citing the observation of practice
  await openJordansDecisions(page);
  await expect(page.locator("#decisions .app-decision").first()).toContainText("The worker agreed the plan");
  await page.getByLabel("Yes, I endorse it").check();
  await page.getByLabel(/Observed home visit/).check();
  await page.getByLabel("Your endorsement").fill(`Over a year of observed visits, Jordan's practice is consistently child-centred (${run}).`);
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.locator("#decision-recorded")).toBeVisible();
  await expect(page.locator("#decisions .app-decision").first()).toContainText("Endorsed on");
  await expect(page.locator("#decisions .app-decision").first()).toContainText("Observed home visit");

  // the worker's task list: PATH-L3-9 met, ready to apply
  await signIn(page, JORDAN, "/portfolio");
  await expect(page.locator("#task-PATH-L3-9-status")).toHaveText("Complete");
  await expect(page.locator("#readiness-summary")).toContainText("Ready to apply");
});
