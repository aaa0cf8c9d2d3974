// Issue 6: nothing typed is lost. A reflective statement typed into a new item's editor is
// kept on the device as it is typed; a reload brings it back; saving to Pathway clears it.
import { test, expect, type Page } from "@playwright/test";
import { signIn, WORKER } from "./support/session";
import { fillDate } from "./support/date";

test("a draft survives a reload and is cleared once saved to Pathway", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await signIn(page, WORKER, "/portfolio/edit?kind=reflective_statement");

  const text = "Home visits taught me to slow down and listen before planning.";
  await page.locator("#body").pressSequentially(text, { delay: 5 });
  // kept on the device (debounced), never in clear text outside this person's key
  await expect
    .poll(async () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(":draft:")).length))
    .toBe(1);

  await page.reload();
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 20_000 });
  await expect(page.locator("#body")).toHaveValue(text);

  const today = new Date().toISOString().slice(0, 10);
  await fillDate(page, "Date written", today);
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page).toHaveURL(/\/portfolio\/evidence\?id=.*saved=1/);
  await expect
    .poll(async () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(":draft:")).length))
    .toBe(0);
  expect(errors, errors.join("\n")).toEqual([]);
});

/** Fills this origin's storage to the last byte, as another app's data would. */
async function fillStorage(page: Page): Promise<number> {
  return page.evaluate(() => {
    let size = 1 << 20;
    let count = 0;
    while (size >= 1) {
      try {
        localStorage.setItem(`filler-${count}`, "x".repeat(size));
        count += 1;
      } catch {
        size = Math.floor(size / 2);
      }
    }
    return count;
  });
}

async function freeStorage(page: Page) {
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage).filter((k) => k.startsWith("filler-"))) localStorage.removeItem(key);
  });
}

test("when the device's storage is full the worker is told, keeps the text, and can still save it", async ({ page }) => {
  await signIn(page, WORKER, "/portfolio/edit?kind=reflective_statement");
  await expect(page.locator("#sync-status")).toContainText("All changes saved to Pathway");

  expect(await fillStorage(page)).toBeGreaterThan(0);
  const text = "Reflected on the strategy meeting and what the family asked for.";
  await page.locator("#body").pressSequentially(text, { delay: 5 });
  const warning = page.locator("#storage-error");
  await expect(warning).toBeVisible();
  await expect(warning).toContainText("This device could not keep your latest text");
  await expect(warning).toContainText("Save to Pathway now");
  await expect(page.locator("#body")).toHaveValue(text);

  // Room again: the next keystroke is kept and the warning goes.
  await freeStorage(page);
  await page.locator("#body").pressSequentially(" Agreed next steps.", { delay: 5 });
  await expect(warning).toBeHidden();
  const kept = `${text} Agreed next steps.`;
  await expect
    .poll(async () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(":draft:")).length))
    .toBe(1);

  // Full again and the page reloaded: the drafts still open (nothing needs writing to
  // unlock them) and a further edit says the storage is full, not that drafts are locked.
  await fillStorage(page);
  await page.reload();
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 20_000 });
  await expect(page.locator("#body")).toHaveValue(kept);
  await page.locator("#body").pressSequentially(" Review in June.", { delay: 5 });
  await expect(warning).toContainText("This device could not keep your latest text");
  await expect(warning).not.toContainText("Drafts on this device are locked");

  await freeStorage(page);
  await fillDate(page, "Date written", new Date().toISOString().slice(0, 10));
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page).toHaveURL(/\/portfolio\/evidence\?id=.*saved=1/);
  await expect(page.getByText(`${kept} Review in June.`)).toBeVisible();
});
