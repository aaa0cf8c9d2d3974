// Issue 7: after one online visit Pathway starts with no network. The service worker serves the
// cached shell; the offline app asks for the password to unlock this person's drafts (a wrong
// one deletes nothing); a draft written there survives a closed page; when the network returns
// it reaches Pathway exactly once.
import { test, expect } from "@playwright/test";
import { DEMO_PASSWORD, goOffline, goOnline, serverItems, signIn, today, WORKER } from "./support/session";
import { fillDate } from "./support/date";

test("the app starts offline, unlocks drafts with the password, keeps a draft across pages and syncs it once", async ({ context, page, baseURL }) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  const title = `Written offline ${Date.now()}`;
  await signIn(page, WORKER, "/portfolio", true, { offline: true });
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await expect.poll(async () => {
    const controlled = await page.evaluate(() => !!navigator.serviceWorker.controller);
    if (!controlled) await page.reload();
    return controlled;
  }, { timeout: 20_000 }).toBe(true);

  await goOffline(context);
  await page.reload();
  await expect(page.locator("body")).toHaveAttribute("data-offline-app", "true", { timeout: 20_000 });
  await expect(page.getByRole("heading", { name: "Unlock your drafts" })).toBeVisible();
  await page.getByLabel("Your Pathway password").fill("not my password at all");
  await page.getByRole("button", { name: "Unlock drafts" }).click();
  await expect(page.locator("#unlock-error")).toContainText("The password is not right");
  await page.getByLabel("Your Pathway password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Unlock drafts" }).click();
  await page.getByRole("button", { name: "Start a new reflective statement" }).click();
  await page.getByLabel("Title").fill(title);
  await fillDate(page, "Date written", today());
  await page.locator("#body").pressSequentially("Typed in a car park with no signal at all.", { delay: 5 });
  await expect(page.locator("#sync-status")).toContainText("1 change only on this device");
  await page.close();

  const again = await context.newPage();
  again.on("pageerror", (error) => errors.push(String(error)));
  await again.goto("/portfolio");
  await expect(again.locator("body")).toHaveAttribute("data-offline-app", "true", { timeout: 20_000 });
  await again.getByLabel("Your Pathway password").fill(DEMO_PASSWORD);
  await again.getByRole("button", { name: "Unlock drafts" }).click();
  await expect(again.locator("#offline-drafts")).toContainText(title);
  await expect(again.locator("#sync-status")).toContainText("1 change only on this device");

  await goOnline(context);
  await expect(again.locator("#sync-status")).toContainText("All changes saved to Pathway", { timeout: 20_000 });
  const mine = (await serverItems(again.request, baseURL!)).filter((item) => item.form?.title === title);
  expect(mine, "reached Pathway exactly once").toHaveLength(1);
  expect(mine[0].form?.body).toBe("Typed in a car park with no signal at all.");
  expect(errors, errors.join("\n")).toEqual([]);
});
