// Issue 20, defect 2: a false "All changes saved to Pathway". In the offline app a statement
// over the 30,000-character limit showed no limit message, and back online the status read "All
// changes saved to Pathway" while the text existed only on the device; an undated draft did the
// same. The status counts every draft that is not on Pathway, says why each is held back and
// links to it, and signing out lists them before anything could be wiped.
import { test, expect } from "@playwright/test";
import { DEMO_PASSWORD, goOffline, goOnline, signIn, serverItems, today, WORKER } from "./support/session";
import { controlledByServiceWorker } from "./support/sync";
import { fillDate } from "./support/date";

test("a too-long statement and an undated draft written in the offline app are counted, explained and linked, offline and back online", async ({
  context,
  page,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const run = `${Date.now()}`;
  const long = `Too long ${run}`;
  const undated = `No date ${run}`;
  await signIn(page, WORKER, "/portfolio", true, { offline: true });
  await controlledByServiceWorker(page);
  await goOffline(context);
  await page.reload();
  await expect(page.locator("body")).toHaveAttribute("data-offline-app", "true", { timeout: 20_000 });
  await page.getByLabel("Your Pathway password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Unlock drafts" }).click();

  // a 40,000-character statement: the limit is said next to the text
  await page.getByRole("button", { name: "Start a new reflective statement" }).click();
  await page.getByLabel("Title").fill(long);
  await fillDate(page, "Date written", today());
  await page.locator("#body").fill("A".repeat(39_999) + ".");
  await expect(page.locator("#body-error")).toContainText("30,000 characters or fewer");
  await page.getByRole("button", { name: "Done" }).click();

  // an undated draft
  await page.getByRole("button", { name: "Start a new reflective statement" }).click();
  await page.getByLabel("Title").fill(undated);
  await page.locator("#body").fill("Notes from the visit, the date to be checked.");
  await page.waitForTimeout(600);
  await page.getByRole("button", { name: "Done" }).click();

  const status = page.locator("#sync-status");
  const held = page.locator("#sync-held-list");
  await expect(status).toContainText("Offline — 2 changes only on this device");
  await expect(held.locator("li", { hasText: long })).toContainText("30,000 characters or fewer");
  await expect(held.locator("li", { hasText: undated })).toContainText(/date/i);

  // Back online: still not "All changes saved", because they are not
  await goOnline(context);
  await expect(status).toContainText("2 changes only on this device", { timeout: 20_000 });
  await expect(status).not.toContainText("All changes saved to Pathway");
  await expect(held.locator("li", { hasText: long })).toContainText("30,000 characters or fewer");
  const mine = (await serverItems(page.request, baseURL!)).filter((i) => [long, undated].includes(i.form?.title ?? ""));
  expect(mine, "neither is on Pathway").toEqual([]);

  // the link opens the draft it names
  await held.getByRole("link", { name: undated }).click();
  await expect(page.getByLabel("Title")).toHaveValue(undated);
  await expect(page.locator("#body")).toHaveValue("Notes from the visit, the date to be checked.");

  // signing out lists both and asks, rather than wiping them
  await page.goto("/portfolio");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 20_000 });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-out/);
  await expect(page.locator("#left-here")).toContainText(long);
  await expect(page.locator("#left-here")).toContainText(undated);
});
