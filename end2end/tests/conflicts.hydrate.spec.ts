// Issue 6: a change based on an old version is never written over the newer text and never
// dropped. Two browser contexts (two devices) signed in as the same worker change one item
// while offline and then sync: the first to arrive becomes the current text, the second is
// kept as a conflict copy, and the worker chooses between them side by side.
import { test, expect, type Browser, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { goOffline, goOnline, serverItems, signIn, today, WORKER } from "./support/session";
import { fillDate } from "./support/date";

/** A second device: its own browser context (cookies, storage, service worker). */
async function device(browser: Browser, baseURL: string, next: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await signIn(page, WORKER, next);
  return { context, page, errors };
}

async function hydrated(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 20_000 });
}

/// Earlier runs against the same database may have left conflicts: keep Pathway's version.
async function resolveLeftovers(page: Page) {
  await page.goto("/portfolio/conflicts");
  await hydrated(page);
  const sections = page.locator("section.app-conflict");
  for (let n = await sections.count(); n > 0; n = await sections.count()) {
    await sections.first().locator("form button").nth(1).click();
    await expect(sections).toHaveCount(n - 1);
  }
}

test("two browser contexts as the same worker edit the same item while offline, then both sync: both texts survive and the conflict is shown with keep mine / keep theirs", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const run = `${Date.now()}`;
  const title = `Clashing statement ${run}`;
  const original = `The first text of this statement, written online (${run}).`;
  const onLaptop = `Written on the laptop while offline: supervision helped me plan (${run}).`;
  const onTablet = `Written on the tablet while offline: the visit changed my view (${run}).`;

  // Arrange: the item is made online on the laptop
  const laptop = await device(browser, baseURL!, "/portfolio/edit?kind=reflective_statement");
  await laptop.page.getByLabel("Title", { exact: true }).fill(title);
  await fillDate(laptop.page, "Date written", today());
  await laptop.page.locator("#body").fill(original);
  await laptop.page.getByRole("button", { name: "Save as draft" }).click();
  await expect(laptop.page).toHaveURL(/\/portfolio\/evidence\?id=.*saved=1/);
  const id = new URL(laptop.page.url()).searchParams.get("id")!;
  const editor = `/portfolio/edit?id=${id}`;
  const tablet = await device(browser, baseURL!, editor);
  await resolveLeftovers(tablet.page);
  for (const d of [laptop, tablet]) {
    await d.page.goto(editor);
    await hydrated(d.page);
    await expect(d.page.locator("#body")).toHaveValue(original);
  }

  // Act: both go offline and change the text; each save is queued on its device
  for (const [d, text] of [
    [laptop, onLaptop],
    [tablet, onTablet],
  ] as const) {
    await goOffline(d.context);
    await d.page.locator("#body").fill(text);
    await d.page.getByRole("button", { name: "Save as draft" }).click();
    await expect(d.page.locator("#sync-status")).toContainText(/only on this device|Offline/);
  }
  // back online: the laptop syncs first, then the tablet (made from the same old version)
  for (const d of [laptop, tablet]) {
    await goOnline(d.context);
    await expect(d.page.locator("#sync-status")).toContainText("All changes saved to Pathway", {
      timeout: 20_000,
    });
  }

  // Assert: the laptop's text is current, the tablet's kept as a conflict copy
  const listed = await tablet.page.request.post("/api/sync/conflicts", {
    form: { all: "false" },
    headers: { Origin: baseURL! },
  });
  expect(listed.status()).toBe(200);
  const copies = ((await listed.json()) as any[]).filter((c) => c.evidence_id === id);
  expect(copies).toHaveLength(1);
  expect(copies[0].mine.body).toBe(onTablet);
  expect(copies[0].theirs.body).toBe(onLaptop);
  const current = (await serverItems(tablet.page.request, baseURL!)).find((item) => item.id === id);
  expect(current?.form?.body).toBe(onLaptop);
  await tablet.page.goto(`/portfolio/evidence?id=${id}`);
  await expect(tablet.page.locator("#evidence-text")).toContainText(onLaptop);

  // the pathway says a choice is waiting and links to the conflicts page
  await tablet.page.goto("/portfolio");
  await expect(tablet.page.locator("#conflicts-waiting")).toContainText("1 change needs you to choose a version");
  await tablet.page.getByRole("link", { name: "Choose which version to keep" }).click();
  await expect(tablet.page).toHaveURL(/\/portfolio\/conflicts$/);
  await hydrated(tablet.page);

  // both versions side by side, with the choices
  const conflict = tablet.page.locator("section.app-conflict", { hasText: title });
  await expect(conflict.getByRole("heading", { name: title })).toBeVisible();
  await expect(conflict.getByRole("heading", { name: "Your version (from this device)" })).toBeVisible();
  await expect(conflict.getByRole("heading", { name: "Version on Pathway" })).toBeVisible();
  await expect(conflict.locator('[id$="-mine"]')).toContainText(onTablet);
  await expect(conflict.locator('[id$="-theirs"]')).toContainText(onLaptop);
  await expect(conflict.getByRole("button", { name: "Keep my version" })).toBeVisible();
  await expect(conflict.getByRole("button", { name: "Keep the version on Pathway" })).toBeVisible();
  const axe = await new AxeBuilder({ page: tablet.page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id} ${v.help}`)).toEqual([]);

  // a merge that keeps the marking lines is refused with the GOV.UK error summary
  await conflict.getByText("Merge by hand").click();
  await conflict.getByRole("button", { name: "Save merged version" }).click();
  await expect(tablet.page.locator(".govuk-error-summary")).toContainText("Remove the lines");
  await expect(conflict.getByLabel("Merged text")).toHaveValue(new RegExp(onTablet.replace(/[()]/g, ".")));

  // Act: keep mine (a plain form post: the page has no island, issue 13)
  await conflict.getByRole("button", { name: "Keep my version" }).click();

  // Assert: resolved; the tablet's text is now the evidence, and nothing is left to choose
  await expect(tablet.page.locator("#resolved-banner")).toContainText("Conflict resolved");
  await expect(tablet.page).toHaveURL(/\/portfolio\/conflicts\?resolved=1$/);
  await expect(conflict).toHaveCount(0);
  await expect(tablet.page.locator("#no-conflicts")).toHaveText("There are no conflicts to resolve.");
  await tablet.page.goto(`/portfolio/evidence?id=${id}`);
  await expect(tablet.page.locator("#evidence-text")).toContainText(onTablet);
  await tablet.page.goto("/portfolio");
  await expect(tablet.page.locator("#conflicts-waiting")).toHaveCount(0);

  expect([...laptop.errors, ...tablet.errors]).toEqual([]);
  await laptop.context.close();
  await tablet.context.close();
});
