// Compresses the release build's files once, at build time, at the highest levels (brotli
// quality 11, gzip level 9), writing `<file>.br` and `<file>.gz` beside each. The server
// sends these as they are (tower-http's ServeDir, precompressed), so no request pays for
// compression and every visitor gets the smallest file. Node's zlib is the reference
// brotli and zlib libraries. Prints one line per file: name, raw, gzip and brotli bytes.
//
// usage: node precompress.mjs <dir>
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const COMPRESSIBLE = new Set([".wasm", ".js", ".css"]);
const dir = process.argv[2];
for (const name of readdirSync(dir).sort()) {
  if (!COMPRESSIBLE.has(extname(name))) continue;
  const raw = readFileSync(join(dir, name));
  const brotli = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  const gzip = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION });
  writeFileSync(join(dir, `${name}.br`), brotli);
  writeFileSync(join(dir, `${name}.gz`), gzip);
  console.log(name, raw.length, gzip.length, brotli.length);
}
