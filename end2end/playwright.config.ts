import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium only: Playwright's own browser download cannot work here and is never tried
// (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 at install time, executablePath below).
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Lets context routes see the service worker's own requests, so a spec can cut its network
// too (Chromium's offline emulation does not reach it: microsoft/playwright#2311).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS ??= "1";
// `cargo xtask test` starts the server on a free port and passes BASE_URL.
const BASE_URL = process.env.BASE_URL ?? `http://${process.env.LEPTOS_SITE_ADDR ?? "127.0.0.1:3000"}`;

const launchOptions = {
  executablePath: CHROMIUM,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "./tests",
  globalSetup: require.resolve("./global-setup"),
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["./reporters/failures.ts"]],
  outputDir: "test-results",
  use: { baseURL: BASE_URL, trace: "off", launchOptions },
  projects: [
    {
      // Server rendering only: every page must work with JavaScript off.
      name: "ssr",
      testMatch: /.*\.(ssr|shared)\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], javaScriptEnabled: false, launchOptions },
    },
    {
      name: "hydrated",
      testMatch: /.*\.(hydrate|shared)\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
    {
      // What each page downloads, against its budget (`cargo xtask wasm-size`).
      name: "sizes",
      testMatch: /.*\.sizes\.ts/,
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
  ],
});
