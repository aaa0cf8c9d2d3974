// Shared steps for specs: signing in as a demo account and reading the worker's portfolio
// straight from the server (the sync pull endpoint), so a spec can count what reached Pathway.
import { test, expect, type ConsoleMessage, type Page, type APIRequestContext, type BrowserContext, type Route } from "@playwright/test";

/** This run's password for the demo accounts: demo mode makes a new random one at every
 * start, so `cargo xtask` makes one per run and gives it to the server and to the specs. */
export const DEMO_PASSWORD: string = (() => {
  const password = process.env.PATHWAY_DEMO_PASSWORD;
  if (!password) throw new Error("PATHWAY_DEMO_PASSWORD is not set: run the specs through `cargo xtask e2e`");
  return password;
})();
export const WORKER = "ella.nowak@pathway.example";

/**
 * The one way a spec signs in: through the form, as a person would, landing on `next`.
 * Where JavaScript runs (every project but "ssr") it also waits until the page has hydrated,
 * and if it never does, the failure lists what the browser reported. `offline` ticks "Use
 * this device to write drafts offline" (issue 17 item 7), which a spec that unlocks drafts
 * with the password and no network needs.
 */
export async function signIn(
  page: Page,
  email: string,
  next = "/",
  hydrated = test.info().project.name !== "ssr",
  { offline = false }: { offline?: boolean } = {},
) {
  const reported = browserReports(page);
  try {
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    // hydrated, the sign-in also wraps the drafts key (and with `offline` sets the device up for offline drafting); a click that beats
    // hydration is a plain form post that signs in without it (seen under load)
    if (hydrated) await hydration(page, reported.lines);
    if (offline) await page.getByLabel("Use this device to write drafts offline").check();
    await submitSignIn(page, email);
    // hydrated, the sign-in page signs in without leaving itself and then loads `next`
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
    if (hydrated) await hydration(page, reported.lines);
  } finally {
    reported.stop();
  }
}

/** Fills in and sends the sign-in form already on screen, with the demo password. */
export async function submitSignIn(page: Page, email: string) {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Waits until the page's WASM has taken over the server-rendered page. */
export async function hydration(page: Page, reported: string[] = []) {
  await expect(page.locator("body"), `${page.url()} did not hydrate; the browser said:\n${reported.join("\n")}`)
    .toHaveAttribute("data-hydrated", "true", { timeout: 20_000 });
}

/** Collects the page's console errors and warnings and uncaught errors until stopped. */
function browserReports(page: Page) {
  const lines: string[] = [];
  const onConsole = (message: ConsoleMessage) => {
    if (message.type() === "error" || message.type() === "warning") lines.push(`${message.type()}: ${message.text()}`);
  };
  const onError = (error: Error) => lines.push(`pageerror: ${error.message}`);
  page.on("console", onConsole);
  page.on("pageerror", onError);
  return {
    lines,
    stop() {
      page.off("console", onConsole);
      page.off("pageerror", onError);
    },
  };
}

export interface ServerItem {
  id: string;
  version: number;
  form: { title: string; body: string; status: string } | null;
}

/** Every current item of the signed-in person on the server, read as a new device would. */
export async function serverItems(request: APIRequestContext, baseURL: string): Promise<ServerItem[]> {
  const response = await request.post("/api/sync/pull", {
    headers: { Origin: baseURL, "Content-Type": "application/json" },
    data: { request: { client_id: crypto.randomUUID(), since: null } },
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()).items as ServerItem[];
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Cuts the network for pages AND the service worker. Chromium's offline emulation does not
 * reach a service worker's own fetches (microsoft/playwright#2311), so those are aborted by a
 * context route too (needs PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS=1, set in the config).
 */
export async function goOffline(context: BrowserContext) {
  await context.setOffline(true);
  await context.route("**", serviceWorkerOffline);
}

export async function goOnline(context: BrowserContext) {
  await context.unroute("**", serviceWorkerOffline);
  await context.setOffline(false);
}

function serviceWorkerOffline(route: Route) {
  return route.request().serviceWorker() ? route.abort("internetdisconnected") : route.fallback();
}
