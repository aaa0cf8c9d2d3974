// Issue 6: nothing typed is lost offline. With the network cut the worker keeps typing and sees
// that their change is only on this device; when the network returns it reaches Pathway exactly
// once, even when the answer to a push is lost and the push is sent again.
import { test, expect, type Page } from "@playwright/test";
import { hydration, signIn, serverItems, submitSignIn, today, WORKER } from "./support/session";
import { fillDate } from "./support/date";

async function startOfflineItem(page: Page, title: string) {
  await signIn(page, WORKER, "/portfolio/edit?kind=reflective_statement");
  await page.getByLabel("Title").fill(title);
  await fillDate(page, "Date written", today());
  await page.context().setOffline(true);
  await expect(page.locator("#sync-status")).toContainText("Offline");
  await page.locator("#body").pressSequentially("Visited the family at home; the children", { delay: 5 });
  await expect(page.locator("#sync-status")).toContainText("1 change only on this device");
}

test("typed offline, the change waits on the device and reaches Pathway once when the network returns", async ({ page, baseURL }) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  const title = `Offline visit ${Date.now()}`;
  await startOfflineItem(page, title);
  // more typing while the change waits replaces its text: still one change, not one per burst
  await page.locator("#body").pressSequentially(" showed me their new school reports.", { delay: 5 });
  await page.waitForTimeout(600);
  await expect(page.locator("#sync-status")).toContainText("1 change only on this device");
  const text = "Visited the family at home; the children showed me their new school reports.";
  await expect(page.locator("#body")).toHaveValue(text);

  await page.context().setOffline(false);
  await expect(page.locator("#sync-status")).toContainText("All changes saved to Pathway");
  const mine = (await serverItems(page.request, baseURL!)).filter((item) => item.form?.title === title);
  expect(mine).toHaveLength(1);
  expect(mine[0].version).toBe(1);
  expect(mine[0].form?.body).toBe(text);

  // the editor now stands on version 1: saving online is an ordinary save, not a conflict
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page).toHaveURL(/\/portfolio\/evidence\?id=.*saved=1/);
  const saved = (await serverItems(page.request, baseURL!)).filter((item) => item.form?.title === title);
  expect(saved).toHaveLength(1);
  expect(saved[0].version).toBe(2);
  expect(errors, errors.join("\n")).toEqual([]);
});

test("a push whose answer was lost mid-request is sent again and leaves no duplicate", async ({ page, baseURL }) => {
  const title = `Lost answer ${Date.now()}`;
  await startOfflineItem(page, title);
  // The first push reaches the server and is applied, then the connection drops before the
  // answer arrives (as when the server is killed mid-request): the device must keep the change.
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
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.locator("#sync-status")).toContainText("All changes saved to Pathway");
  expect(pushes).toBe(2);
  const mine = (await serverItems(page.request, baseURL!)).filter((item) => item.form?.title === title);
  expect(mine, "applied once, the retry answered from the stored outcome").toHaveLength(1);
  expect(mine[0].version).toBe(1);
});

test("a session that ended while offline keeps the queue, and sync resumes after signing in again", async ({ page, baseURL }) => {
  const title = `Session ended ${Date.now()}`;
  await startOfflineItem(page, title);
  // the session ends while the tablet is offline (as when it expires on the server)
  await page.context().clearCookies();
  await page.context().setOffline(false);
  await expect(page.locator("#sync-status")).toContainText("Signed out of Pathway — 1 change only on this device");
  const again = page.getByRole("link", { name: "Sign in again to send your changes" });
  await again.click();
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await submitSignIn(page, WORKER);
  await page.waitForURL(/\/portfolio\/edit/);
  await hydration(page);
  await expect(page.locator("#sync-status")).toContainText("All changes saved to Pathway");
  const mine = (await serverItems(page.request, baseURL!)).filter((item) => item.form?.title === title);
  expect(mine, "the change typed before the session ended reached Pathway once").toHaveLength(1);
  expect(mine[0].form?.body).toBe("Visited the family at home; the children");
});
