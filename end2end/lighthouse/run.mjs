// Lighthouse (npm, pinned 12.2.3: 13 needs Node 22) in Debian's Chromium against a running
// release server with demo data, mobile preset, on the pages issue 13 names. Writes each HTML
// report and a summary.json to the output folder, prints a table, and exits 1 when a page's
// accessibility score is below 100 (the performance score is a timing: reported, not asserted).
//
// usage: BASE_URL=http://127.0.0.1:3000 node lighthouse/run.mjs <output folder>
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const BASE = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// this run's demo password: the server makes a new one at every start unless given one
const DEMO_PASSWORD = process.env.PATHWAY_DEMO_PASSWORD;
if (!DEMO_PASSWORD) throw new Error("PATHWAY_DEMO_PASSWORD is not set: run this through `cargo xtask lighthouse`");
const out = process.argv[2] ?? "lighthouse-reports";

const PAGES = [
  { slug: "sign-in", page: "sign-in", path: "/sign-in" },
  { slug: "worker-dashboard", page: "worker's dashboard", path: "/dashboard/practitioner", as: "jordan.ellis@pathway.example" },
  { slug: "my-pathway", page: "My pathway", path: "/portfolio", as: "jordan.ellis@pathway.example" },
  { slug: "evidence-editor", page: "evidence editor", path: "/portfolio/edit?kind=reflective_statement", as: "jordan.ellis@pathway.example" },
  { slug: "team-manager-dashboard", page: "team manager's dashboard", path: "/dashboard/team-manager", as: "daniel.okafor@pathway.example" },
];

/** A session cookie for a demo account, signed in as the plain sign-in form does. */
async function sessionCookie(email) {
  const response = await fetch(`${BASE}/api/auth/sign_in`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, next: "/" }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("pathway_session="));
  if (!cookie) throw new Error(`signing in ${email} answered ${response.status} with no session cookie`);
  return cookie.split(";")[0];
}

mkdirSync(out, { recursive: true });
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const rows = [];
try {
  for (const { slug, page, path, as } of PAGES) {
    const extraHeaders = as ? { Cookie: await sessionCookie(as) } : undefined;
    const audit = () =>
      lighthouse(`${BASE}${path}`, {
        port: chrome.port,
        output: "html",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility"],
        extraHeaders,
      });
    // Lighthouse sometimes loses the page load's trace (NO_NAVSTART) and says to run it
    // again: up to two more tries, and a run that never records is reported, not scored 0
    let result = await audit();
    for (let retry = 0; retry < 2 && result.lhr.runtimeError; retry++) result = await audit();
    writeFileSync(join(out, `${slug}.html`), result.report);
    if (result.lhr.runtimeError) {
      const score = result.lhr.categories.accessibility?.score;
      rows.push({
        page,
        url: result.lhr.finalDisplayedUrl,
        error: result.lhr.runtimeError.code,
        accessibility: typeof score === "number" ? Math.round(score * 100) : null,
        failing_accessibility: [],
      });
      continue;
    }
    const { categories, audits } = result.lhr;
    const failing = Object.values(audits)
      .filter((a) => a.score !== null && a.score < 1 && categories.accessibility.auditRefs.some((r) => r.id === a.id && r.weight > 0))
      .map((a) => a.id);
    rows.push({
      page,
      url: result.lhr.finalDisplayedUrl,
      performance: Math.round(categories.performance.score * 100),
      accessibility: Math.round(categories.accessibility.score * 100),
      lcp_ms: Math.round(audits["largest-contentful-paint"].numericValue),
      tti_ms: Math.round(audits["interactive"].numericValue),
      transferred_kib: Math.round(audits["total-byte-weight"].numericValue / 1024),
      failing_accessibility: failing,
    });
  }
} finally {
  await chrome.kill();
}
writeFileSync(join(out, "summary.json"), JSON.stringify(rows, null, 2));
console.log("page                        perf  a11y   LCP ms   TTI ms  KiB");
for (const r of rows) {
  if (r.error) {
    console.log(`${r.page.padEnd(26)} performance not measured (${r.error}); accessibility ${r.accessibility ?? "not measured"}`);
    continue;
  }
  console.log(
    `${r.page.padEnd(26)} ${String(r.performance).padStart(5)} ${String(r.accessibility).padStart(5)} ${String(r.lcp_ms).padStart(8)} ${String(r.tti_ms).padStart(8)} ${String(r.transferred_kib).padStart(4)}` +
      (r.failing_accessibility.length ? `  failing: ${r.failing_accessibility.join(", ")}` : ""),
  );
}
const below = rows.filter((r) => r.accessibility === null || r.accessibility < 100);
if (below.length) {
  console.error(`accessibility below 100 or not measured on: ${below.map((r) => r.page).join(", ")} (reports in ${out})`);
  process.exit(1);
}
