// Issue 7, the installable app: Chromium finds Pathway installable, the app starts offline
// after one online visit, and a build deployed while a page is open is offered as an update
// that, once accepted, runs the new WASM against the new HTML. docs/pwa.md.
import { chromium, test, expect, type Page } from "@playwright/test";
import { goOffline, goOnline } from "./support/session";
import { type ChildProcess } from "node:child_process";
import { currentBuild, newBuild, freePort, startServer, stopServer } from "./support/server";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Waits until the worker is active and controls the page (reloading once if it does not). */
async function waitForServiceWorker(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 20_000 });
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const controlled = await page
    .waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 5_000 })
    .then(
      () => true,
      () => false,
    );
  if (!controlled) {
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  }
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

test("Chromium finds Pathway installable: manifest, icons 192 and 512, a worker with a fetch handler", async ({
  baseURL,
}, testInfo) => {
  // A real profile: Playwright's usual contexts are off the record, where Chromium never offers
  // to install anything ("in-incognito"), whatever the app.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "pathway-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    ...(testInfo.project.use.launchOptions ?? {}),
    baseURL,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto("/");
    await waitForServiceWorker(page);

    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send("Page.getAppManifest");
    expect(manifest.errors, JSON.stringify(manifest.errors)).toEqual([]);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors, JSON.stringify(installabilityErrors)).toEqual([]);

    const fields = await (await page.request.get("/manifest.webmanifest")).json();
    expect(fields.name).toContain("Pathway");
    expect(fields.short_name).toBe("Pathway");
    expect(fields.start_url).toBe("/");
    expect(fields.display).toBe("standalone");
    const found: string[] = [];
    for (const icon of fields.icons as { src: string; sizes: string; purpose?: string }[]) {
      const response = await page.request.get(icon.src);
      expect(response.status(), icon.src).toBe(200);
      expect(pngSize(await response.body()), icon.src).toBe(icon.sizes);
      if ((icon.purpose ?? "any").split(" ").includes("any")) found.push(icon.sizes);
    }
    expect(found).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

test("after one online visit the app starts offline from the cached shell", async ({ page, context }) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto("/");
  await waitForServiceWorker(page);

  await goOffline(context);
  await page.reload();
  await expect(page.locator("body")).toHaveAttribute("data-offline-app", "true", { timeout: 20_000 });
  await expect(page.locator("header .govuk-header__service-name")).toHaveText("Pathway");
  await expect(page.locator("#offline-root > *").first()).toBeVisible();
  // any page: the shell, never a cached copy of a page
  await page.goto("/portfolio");
  await expect(page.locator("body")).toHaveAttribute("data-offline-app", "true", { timeout: 20_000 });
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const key of await caches.keys()) {
      for (const request of await (await caches.open(key)).keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
  });
  expect(cached).toContain("/offline");
  expect(cached.filter((url) => url.startsWith("/api/") || url === "/" || url === "/portfolio")).toEqual([]);
  await goOnline(context);
  expect(errors, errors.join("\n")).toEqual([]);
});

test("a build deployed while a page is open is offered, and after reloading the new app runs", async ({ page }) => {
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pathway-deploy-"));
  const database = path.join(dir, "pathway.db");
  const log = path.join(dir, "server.log");
  let server: ChildProcess | undefined;
  try {
    const before = currentBuild();
    const after = newBuild(before, fs.mkdtempSync(path.join(dir, "new-")));
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    server = await startServer(before, port, database, log);

    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto(`${origin}/`);
    await waitForServiceWorker(page);
    const oldCaches = await page.evaluate(() => caches.keys());
    expect(oldCaches).toHaveLength(1);
    expect(oldCaches[0]).toMatch(/^pathway-/);
    await expect(page.locator("#update-available")).toHaveCount(0);

    // Deploy: the old server stops, the new build starts on the same address and database.
    await stopServer(server);
    server = await startServer(after, port, database, log);
    // The app looks for a new version when the page comes back into view.
    await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    const banner = page.locator("#update-available");
    await expect(banner).toContainText("A new version of Pathway is available.", { timeout: 30_000 });

    const reloaded = page.waitForEvent("load", { timeout: 30_000 });
    await banner.getByRole("button", { name: "Reload to update" }).click();
    await reloaded;
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 20_000 });
    await expect(page.locator("#update-available")).toHaveCount(0);

    // the new HTML and the new WASM: every asset the page loaded has the new names
    const loaded = await page.evaluate(() =>
      performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname),
    );
    const html = await page.content();
    for (const kind of ["js", "wasm", "css"]) {
      expect(html + loaded.join(" ")).toContain(`/pkg/pathway.${after.hashes[kind]}.${kind}`);
      expect(loaded, kind).not.toContain(`/pkg/pathway.${before.hashes[kind]}.${kind}`);
    }
    expect(loaded).toContain(`/pkg/pathway.${after.hashes.wasm}.wasm`);
    // the new worker controls the page, and the old build's cache is gone
    const stored = await page.evaluate(async () => {
      const keys = await caches.keys();
      const requests = await Promise.all(keys.map(async (key) => (await caches.open(key)).keys()));
      return { keys, urls: requests.flat().map((request) => new URL(request.url).pathname) };
    });
    expect(stored.keys).toHaveLength(1);
    expect(stored.keys).not.toContain(oldCaches[0]);
    expect(stored.urls).toContain(`/pkg/pathway.${after.hashes.wasm}.wasm`);
    expect(errors, errors.join("\n")).toEqual([]);
  } finally {
    await stopServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
