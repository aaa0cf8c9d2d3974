// Hydrated: the same checker answers as the date is typed, with no form submission.
// This can only pass once the WASM has hydrated the server-rendered page.
import { test, expect } from "@playwright/test";
import { fillDate } from "./support/date";

test("the page hydrates and the deadline updates live (PANEL-3)", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
  page.on("pageerror", (error) => errors.push(String(error)));

  await page.goto("/");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 20_000 });
  await fillDate(page, "Panel date", "2026-11-05");
  // no click: the answer appears because the hydrated component reacts to input
  await expect(page.locator("#deadline-result")).toContainText("11:00 on 22 October 2026");
  await expect(page.locator("#deadline-result")).toContainText("11:00 on 23 October 2026");
  expect(page.url()).not.toContain("panel%5B");
  expect(errors, errors.join("\n")).toEqual([]);
});
