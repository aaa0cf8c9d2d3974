// Starting and stopping Pathway servers of a spec's own, beside the one `cargo xtask test`
// serves: for deploying a second build (pwa.hydrate.spec.ts) and for killing a server
// mid-request (server-killed.hydrate.spec.ts). Each gets its own port and SQLite file.
import { expect } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

const TARGET = process.env.CARGO_TARGET_DIR ?? path.join(os.homedir(), ".cache", "pathway", "target");
const SERVER_BIN = process.env.PATHWAY_SERVER_BIN ?? path.join(TARGET, "release", "server");
const SITE_ROOT = process.env.PATHWAY_SITE_ROOT ?? path.resolve(__dirname, "..", "..", "target", "site");

export interface Deployment {
  bin: string;
  site: string;
  hashes: Record<string, string>;
}

export function readHashes(file: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const [kind, hash] = line.split(":").map((part) => part?.trim());
    if (kind && hash) hashes[kind] = hash;
  }
  return hashes;
}

/** The build under test, as deployed. */
export function currentBuild(): Deployment {
  return { bin: SERVER_BIN, site: SITE_ROOT, hashes: readHashes(path.join(path.dirname(SERVER_BIN), "hash.txt")) };
}

/** A new build as a deploy would bring it: the same server and code under new hashed names
 * (so new URLs, a new service worker and a new cache), with its own hash.txt beside its binary. */
export function newBuild(from: Deployment, dir: string): Deployment {
  const bin = path.join(dir, "server");
  const site = path.join(dir, "site");
  fs.copyFileSync(from.bin, bin);
  fs.chmodSync(bin, 0o755);
  fs.cpSync(from.site, site, { recursive: true });
  // New names of the same length, so the names one file holds of another (a split build's
  // main WASM imports its loader by name) can be replaced byte for byte.
  const tail = Date.now().toString(36).slice(-4);
  const fresh = (old: string) => old.slice(0, -4) + (old.endsWith(tail) ? "zzzz" : tail);
  const pkg = path.join(site, "pkg");
  const hashes: Record<string, string> = { ...from.hashes };
  const renamed: [string, string][] = [];
  for (const kind of ["js", "wasm", "css"]) {
    const old = from.hashes[kind];
    expect(old, `hash.txt names the ${kind} file`).toBeTruthy();
    hashes[kind] = fresh(old);
    renamed.push([`pathway.${old}.${kind}`, `pathway.${hashes[kind]}.${kind}`]);
  }
  for (const file of fs.readdirSync(pkg)) {
    const loader = /^__wasm_split\.([^.]+)\.js$/.exec(file);
    if (loader) renamed.push([file, `__wasm_split.${fresh(loader[1])}.js`]);
  }
  for (const [old, next] of renamed) fs.renameSync(path.join(pkg, old), path.join(pkg, next));
  for (const file of fs.readdirSync(pkg)) {
    const at = path.join(pkg, file);
    if (file.endsWith(".br") || file.endsWith(".gz")) {
      // compressed copies of the old contents: the new build sends its files as they are
      fs.rmSync(at);
    } else if (file.endsWith(".js") || file.endsWith(".wasm")) {
      let bytes = fs.readFileSync(at);
      for (const [old, next] of renamed) bytes = replaceAll(bytes, Buffer.from(old), Buffer.from(next));
      fs.writeFileSync(at, bytes);
    }
  }
  fs.writeFileSync(
    path.join(dir, "hash.txt"),
    Object.entries(hashes)
      .map(([kind, hash]) => `${kind}: ${hash}\n`)
      .join(""),
  );
  return { bin, site, hashes };
}

/** `bytes` with every `from` replaced by `to` (the same length). */
function replaceAll(bytes: Buffer, from: Buffer, to: Buffer): Buffer {
  for (let at = bytes.indexOf(from); at >= 0; at = bytes.indexOf(from, at + to.length)) {
    to.copy(bytes, at);
  }
  return bytes;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerOptions {
  /** Demo mode: the fictional demo organisation, its accounts signing in with this run's
   * PATHWAY_DEMO_PASSWORD (passed on from the environment); otherwise local mode, nobody. */
  demo?: boolean;
}

export async function startServer(
  build: Deployment,
  port: number,
  database: string,
  log: string,
  options: ServerOptions = {},
): Promise<ChildProcess> {
  const out = fs.openSync(log, "a");
  // the demo password is for demo mode only: local mode refuses to start with one
  const { PATHWAY_DEMO_PASSWORD, ...inherited } = process.env;
  const child = spawn(build.bin, [], {
    env: {
      ...inherited,
      ...(options.demo ? { PATHWAY_DEMO_PASSWORD } : {}),
      LEPTOS_ENV: "PROD",
      LEPTOS_OUTPUT_NAME: "pathway",
      LEPTOS_SITE_ROOT: build.site,
      LEPTOS_SITE_PKG_DIR: "pkg",
      LEPTOS_HASH_FILES: "true",
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      DATABASE_URL: `sqlite://${database}`,
      PATHWAY_MODE: options.demo ? "demo" : "local",
    },
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}); see ${log}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`server on ${port} not ready in 60 s; see ${log}`);
}

export async function stopServer(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
