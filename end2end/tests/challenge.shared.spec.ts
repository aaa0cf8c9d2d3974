// Issue 14 items 3 and 4 (DEC-2's supervision, DEC-5), with JavaScript on and off: Helen
// Fairweather records "not yet" for Aisha Rahman; Aisha disagrees with the plan; the
// challenge reaches Priya Natarajan, the service manager over the team, who responds on the
// decisions page; Aisha and Helen read the response there, and Helen records the plan's
// progress from a supervision.
import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { fillDate } from "./support/date";
import { signIn } from "./support/session";

const HELEN = "helen.fairweather@pathway.example";
const AISHA = "aisha.rahman@pathway.example";
const PRIYA = "priya.natarajan@pathway.example";

/** No serious or critical accessibility violations on the page as it stands (axe-core, which
 * runs in the page: with JavaScript on only). */
async function accessible(page: Page, what: string) {
  if (test.info().project.name === "ssr") return;
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${what}: ${v.id} ${v.help}`), what).toEqual([]);
}

function inDays(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return date.toISOString().slice(0, 10);
}

test("DEC-5: a worker's challenge goes up the line and the service manager's response is on the record", async ({ page }) => {
  const run = `${test.info().project.name} ${Date.now()}`;
  const newest = page.locator("#decisions .app-decision").first();

  // Helen records "not yet" with a dated plan
  await signIn(page, HELEN, "/dashboard/team-manager");
  await page.locator("#my-workers").getByRole("link", { name: "Decisions: Aisha Rahman" }).click();
  await page.getByLabel("Not yet: I will set a development plan").check();
  await page.getByLabel("Why not yet").fill(`More observed direct work first (${run})`);
  await page.getByLabel("Action 1", { exact: true }).fill("Two observed home visits");
  await fillDate(page, "Action 1 is due by", inDays(45));
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.locator("#decision-recorded")).toBeVisible();

  // Aisha disagrees, saying why
  await signIn(page, AISHA, "/portfolio");
  await page.locator("#decisions-link").click();
  await page.getByLabel("I disagree with the plan").check();
  await page.getByLabel(/^Comment/).fill(`The visits depend on one family's consent (${run})`);
  await page.getByRole("button", { name: "Send my answer" }).click();
  await expect(page.locator("#plan-answered")).toBeVisible();
  await expect(newest).toContainText("The service manager has not responded to this challenge yet.");

  // Priya is told, opens the decision from her notice, and answers without reasons first
  await signIn(page, PRIYA, "/notices");
  await page.locator("#notices li", { hasText: "Aisha Rahman disagrees with the development plan" }).first().getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Decisions: Aisha Rahman" })).toBeVisible();
  await accessible(page, "the service manager's decisions page");
  await newest.getByRole("button", { name: "Send response" }).click();
  await expect(page.locator("#error-summary")).toContainText("Select whether you uphold the challenge");
  await expect(page.locator("#challenge_reasons-error")).toContainText("Enter your reasons");
  await newest.getByLabel("Not upheld: the decision stands").check();
  const reasons = `Visits can be arranged with another family (${run})`;
  await newest.getByLabel("Your reasons").fill(reasons);
  await newest.getByRole("button", { name: "Send response" }).click();
  await expect(page.locator("#challenge-answered")).toContainText("Your response is recorded");
  await expect(newest).toContainText("Response to the challenge, from Priya Natarajan");

  // the worker and the manager who decided read it with the decision
  await signIn(page, AISHA, "/portfolio");
  await page.locator("#decisions-link").click();
  await expect(newest).toContainText("Not upheld: the decision stands");
  await expect(newest).toContainText(reasons);
  await signIn(page, HELEN, "/dashboard/team-manager");
  await page.locator("#my-workers").getByRole("link", { name: "Decisions: Aisha Rahman" }).click();
  await expect(newest).toContainText("Not upheld: the decision stands");
  await expect(newest).toContainText(reasons);

  // DEC-2: the plan is monitored in supervision; without a date it is refused, keeping the note
  const note = `One visit so far (${run})`;
  await newest.getByRole("group", { name: "Action 1: Two observed home visits" }).getByLabel("Under way").check();
  await newest.getByLabel("Note on action 1 (optional)").fill(note);
  await newest.getByRole("button", { name: "Record progress" }).click();
  await expect(page.locator("#error-summary")).toContainText("Enter the date of the supervision");
  await expect(newest.getByLabel("Note on action 1 (optional)")).toHaveValue(note);
  await fillDate(page, "Date of the supervision", inDays(0));
  await newest.getByRole("group", { name: "Action 1: Two observed home visits" }).getByLabel("Under way").check();
  await newest.getByRole("button", { name: "Record progress" }).click();
  await expect(page.locator("#supervision-recorded")).toContainText("The plan's progress is recorded");
  await expect(newest.locator(".app-action-progress").first()).toContainText("Under way");
  await expect(newest.locator(".app-action-progress").first()).toContainText(note);
  await accessible(page, "the team manager's decisions page");
});
