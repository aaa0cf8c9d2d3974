// The page shell, served with and without JavaScript: GOV.UK furniture, panel calendar
// read from the database, manifest and hashed assets.
import { test, expect } from "@playwright/test";

test("start page renders on the server with the panel calendar", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle("Pathway");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeAttached();
  await expect(page.locator("header .govuk-header__service-name")).toHaveText("Pathway");
  await expect(page.locator(".govuk-phase-banner")).toContainText("Beta");
  // the demo seed schedules panels; each row shows the PANEL-3 deadline at 11:00 UK time
  const rows = page.locator("#panel-calendar tbody tr");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(4);
  await expect(rows.first()).toContainText("11:00 on");
});

test("no crown and no GDS Transport font", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator(".govuk-header__logotype, svg.govuk-header__logotype")).toHaveCount(0);
  const font = await page.locator("body").evaluate((el) => getComputedStyle(el).fontFamily);
  expect(font).not.toContain("GDS Transport");
});

test("manifest meets installability basics and assets have hashed names", async ({ page, request }) => {
  await page.goto("/");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBe("/manifest.webmanifest");
  const manifest = await (await request.get(href!)).json();
  expect(manifest.name).toContain("Pathway");
  expect(manifest.short_name).toBe("Pathway");
  expect(manifest.start_url).toBe("/");
  expect(manifest.display).toBe("standalone");
  const sizes = manifest.icons.map((icon: { sizes: string }) => icon.sizes);
  expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  for (const icon of manifest.icons) {
    expect((await request.get(icon.src)).status()).toBe(200);
  }
  const html = await (await request.get("/")).text();
  const wasm = html.match(/\/pkg\/pathway\.[A-Za-z0-9_-]+\.wasm/);
  expect(wasm, "hashed wasm name in the page").not.toBeNull();
  const asset = await request.get(wasm![0]);
  expect(asset.status()).toBe(200);
  expect(asset.headers()["cache-control"]).toContain("immutable");
});

test("an unknown page is a 404 with a way back", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
