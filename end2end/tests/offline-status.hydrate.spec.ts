// Issue 20, defect 4: moments a worker would be confused. Offline "Save as draft" gave no
// confirmation and one edit showed as "2 changes"; "Sync now" was offered offline, where it
// cannot work; after a reload mid-sync the editor said "not saved to Pathway until you save it"
// under "All changes saved to Pathway"; the offline app kept "Pathway is offline" after
// reconnecting.
import { test, expect } from "@playwright/test";
import { DEMO_PASSWORD, goOffline, goOnline, signIn, serverItems, today, WORKER } from "./support/session";
import { controlledByServiceWorker } from "./support/sync";
import { fillDate } from "./support/date";

test("offline, Save as draft confirms that the edit is kept on this device, as one change, with no Sync now on offer", async ({ page, baseURL }) => {
  const title = `Saved here ${Date.now()}`;
  await signIn(page, WORKER, "/portfolio/edit?kind=reflective_statement");
  await page.getByLabel("Title").fill(title);
  await fillDate(page, "Date written", today());
  await page.context().setOffline(true);
  await page.locator("#body").fill("One edit, made with no signal.");
  await page.waitForTimeout(800);
  await page.getByRole("button", { name: "Save as draft" }).click();

  await expect(page.locator("#saved-on-device")).toBeVisible();
  await expect(page.locator("#saved-on-device")).toContainText("saved on this device");
  await expect(page.locator("#sync-status")).toContainText("Offline — 1 change only on this device");
  await expect(page.getByRole("button", { name: "Sync now" })).toHaveCount(0);

  await page.context().setOffline(false);
  await expect(page.locator("#sync-status")).toContainText("All changes saved to Pathway", { timeout: 20_000 });
  await expect(page.locator("#saved-on-device")).toBeHidden();
  const mine = (await serverItems(page.request, baseURL!)).filter((i) => i.form?.title === title);
  expect(mine).toHaveLength(1);
  expect(mine[0].version).toBe(1);
});

test("after a reload mid-sync, the editor does not say the text is unsaved once it has reached Pathway", async ({ page, baseURL }) => {
  const title = `Reloaded mid-sync ${Date.now()}`;
  await signIn(page, WORKER, "/portfolio/edit?kind=reflective_statement");
  await page.getByLabel("Title").fill(title);
  await fillDate(page, "Date written", today());
  await page.context().setOffline(true);
  await page.locator("#body").pressSequentially("Typed before the reload.", { delay: 5 });
  await expect(page.locator("#sync-status")).toContainText("1 change only on this device");
  // back online, the push reaches the server but its answer is lost; the page is reloaded
  let pushes = 0;
  await page.route("**/api/sync/push", async (route) => {
    pushes += 1;
    if (pushes === 1) {
      await route.fetch();
      await route.abort("connectionreset");
    } else {
      await route.continue();
    }
  });
  await page.context().setOffline(false);
  await expect(page.locator("#sync-status")).toContainText("Sync failed — retrying");
  await page.reload();
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 20_000 });

  await expect(page.locator("#sync-status")).toContainText("All changes saved to Pathway", { timeout: 20_000 });
  await expect(page.locator("#draft-restored")).toBeHidden();
  const mine = (await serverItems(page.request, baseURL!)).filter((i) => i.form?.title === title);
  expect(mine).toHaveLength(1);
  expect(mine[0].form?.body).toBe("Typed before the reload.");
});

test("the offline app stops saying Pathway is offline once the network is back", async ({ context, page }) => {
  await signIn(page, WORKER, "/portfolio", true, { offline: true });
  await controlledByServiceWorker(page);
  await goOffline(context);
  await page.reload();
  await expect(page.locator("body")).toHaveAttribute("data-offline-app", "true", { timeout: 20_000 });
  await page.getByLabel("Your Pathway password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Unlock drafts" }).click();
  await expect(page.getByText("Pathway is offline")).toBeVisible();
  await expect(page.locator("#sync-status")).toContainText("Offline");

  await goOnline(context);
  await expect(page.locator("#sync-status")).toContainText("All changes saved to Pathway", { timeout: 20_000 });
  await expect(page.getByText("Pathway is offline")).toHaveCount(0);
});
