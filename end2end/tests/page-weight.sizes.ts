// Issue 13: the code each page makes a browser download on a first visit with an empty cache
// (the WASM and JS requests Chromium's network log shows for that page), measured as the
// brotli-11 files the server sends, against the per-page budget. Sizes are deterministic, so
// a page over its budget fails. Run by `cargo xtask wasm-size` (project "sizes"); it writes
// the table to target/wasm-size.json for the README.
import { test, expect, type Page } from "@playwright/test";
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import { signIn } from "./support/session";

const KB = 1000;
const SITE = process.env.PATHWAY_SITE_ROOT ?? "../target/site";
const PKG = join(SITE, "pkg");
const OUT = process.env.WASM_SIZE_OUT ?? join(SITE, "..", "wasm-size.json");

/** The pages the issue names, who opens them, and their budgets. */
const PAGES: { page: string; path: string; as?: string; budget: number }[] = [
  { page: "sign-in", path: "/sign-in", budget: 120 * KB },
  { page: "worker's dashboard", path: "/dashboard/practitioner", as: "jordan.ellis@pathway.example", budget: 120 * KB },
  { page: "My pathway", path: "/portfolio", as: "jordan.ellis@pathway.example", budget: 120 * KB },
  { page: "evidence editor", path: "/portfolio/edit?kind=reflective_statement", as: "jordan.ellis@pathway.example", budget: 200 * KB },
  { page: "team manager's dashboard", path: "/dashboard/team-manager", as: "daniel.okafor@pathway.example", budget: 120 * KB },
];
/** Every code chunk of the build together. */
const ALL_CODE_BUDGET = 350 * KB;

type Row = { page: string; files: string[]; brotli: number; budget: number };

function brotli11(bytes: Buffer): number {
  return brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

/** The bytes the server sends for a build file: its precompressed .br (written at build time). */
function sentSize(file: string): number {
  return statSync(join(PKG, `${file}.br`)).size;
}

function isCode(url: string): boolean {
  const path = new URL(url).pathname;
  return path.endsWith(".wasm") || path.endsWith(".js");
}

/** The code a page downloads when opened with an empty cache. */
async function codeLoadedBy(page: Page, path: string): Promise<Map<string, number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.clearBrowserCache");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const loaded = new Map<string, number>();
  const pending: Promise<void>[] = [];
  page.on("response", (response) => {
    if (!isCode(response.url())) return;
    const url = new URL(response.url());
    pending.push(
      (async () => {
        if (url.pathname.startsWith("/pkg/")) {
          loaded.set(url.pathname, sentSize(url.pathname.slice("/pkg/".length)));
        } else {
          loaded.set(url.pathname, brotli11(await response.body()));
        }
      })(),
    );
  });
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  await Promise.all(pending);
  return loaded;
}

test.use({ serviceWorkers: "block" });

test("each page's code fits its budget, and all code together fits 350 KB", async ({ browser }) => {
  test.setTimeout(120_000);
  const rows: Row[] = [];
  for (const { page: name, path, as, budget } of PAGES) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (as) await signIn(page, as, "/account/password", true);
    const loaded = await codeLoadedBy(page, path);
    const brotli = [...loaded.values()].reduce((a, b) => a + b, 0);
    rows.push({ page: name, files: [...loaded.keys()].sort(), brotli, budget });
    await context.close();
  }
  const chunks = readdirSync(PKG).filter((f) => f.endsWith(".wasm") || f.endsWith(".js"));
  const allCode = chunks.reduce((sum, f) => sum + sentSize(f), 0);
  rows.push({ page: "all code chunks together", files: chunks.map((f) => `/pkg/${f}`).sort(), brotli: allCode, budget: ALL_CODE_BUDGET });

  const table = rows
    .map((r) => `${r.page.padEnd(28)} ${String(r.brotli).padStart(10)} B ${String(r.budget).padStart(8)} B  ${r.brotli <= r.budget ? "within" : "OVER"}  ${r.files.join(" ")}`)
    .join("\n");
  console.log(`page                         brotli 11      budget\n${table}`);
  writeFileSync(OUT, JSON.stringify(rows, null, 2));
  for (const row of rows) {
    expect.soft(row.brotli, `${row.page}: ${row.files.join(", ")}`).toBeLessThanOrEqual(row.budget);
  }
});
