// node scripts/build.mjs [--check]
//
// Builds what the server ships for browsers into server/src/zndraw_joblib/ui/static/:
//   dashboard/   index.html, app.js, app.css   the dashboard, bundled by esbuild (minified, no source
//                                              map: the wheel carries it; dashboard/src is the source)
//   swagger-ui/  the Swagger UI bundle + CSS   copied from npm swagger-ui-dist (/docs)
//   redoc/       the Redoc standalone bundle   copied from npm redoc (/redoc)
// The built files are committed, so `pip install` needs no Node. `--check` builds into a temporary
// folder and fails when anything differs from the committed files (`make check-generated` runs it).
// `@zndraw/joblib-client` is the built package (clients/ts: `npm run build` first).
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, copyFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

import { build } from "esbuild";

const here = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const committed = resolve(here, "../server/src/zndraw_joblib/ui/static");
const check = process.argv.includes("--check");
const out = check ? mkdtempSync(join(tmpdir(), "zndraw-joblib-ui-")) : committed;

const VENDOR = {
  "swagger-ui": {
    "swagger-ui-dist/swagger-ui-bundle.js": "swagger-ui-bundle.js",
    "swagger-ui-dist/swagger-ui.css": "swagger-ui.css",
    "swagger-ui-dist/favicon-32x32.png": "favicon-32x32.png",
    "swagger-ui-dist/LICENSE": "LICENSE",
  },
  redoc: {
    "redoc/bundles/redoc.standalone.js": "redoc.standalone.js",
    "redoc/bundles/redoc.standalone.js.LICENSE.txt": "redoc.standalone.js.LICENSE.txt",
    "redoc/LICENSE": "LICENSE",
  },
};

function files(folder) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name !== ".gitattributes")
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort();
}

for (const folder of ["dashboard", ...Object.keys(VENDOR)]) {
  rmSync(join(out, folder), { recursive: true, force: true });
  mkdirSync(join(out, folder), { recursive: true });
}

const result = await build({
  entryPoints: { app: join(here, "src/main.tsx") },
  outdir: join(out, "dashboard"),
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  platform: "browser",
  jsx: "automatic",
  jsxImportSource: "preact",
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
});
copyFileSync(join(here, "src/index.html"), join(out, "dashboard/index.html"));
for (const [viewer, copies] of Object.entries(VENDOR)) {
  for (const [from, to] of Object.entries(copies)) {
    copyFileSync(join(here, "node_modules", from), join(out, viewer, to));
  }
}

const script = readFileSync(join(out, "dashboard/app.js"));
const css = readFileSync(join(out, "dashboard/app.css"));
const gz = (bytes) => (gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1);
console.log(`dashboard: app.js ${(script.length / 1024).toFixed(1)} KiB (${gz(script)} KiB gzip), app.css ${gz(css)} KiB gzip`);
writeFileSync(join(here, "meta.json"), JSON.stringify(result.metafile));  // for `npx esbuild --analyze`, not committed

if (check) {
  const differ = [];
  for (const folder of ["dashboard", ...Object.keys(VENDOR)]) {
    const want = files(join(out, folder));
    const have = files(join(committed, folder));
    for (const name of new Set([...want, ...have])) {
      const a = join(out, folder, name);
      const b = join(committed, folder, name);
      if (!existsSync(a) || !existsSync(b) || !readFileSync(a).equals(readFileSync(b))) differ.push(`${folder}/${name}`);
    }
  }
  rmSync(out, { recursive: true, force: true });
  if (differ.length > 0) {
    console.error(`the committed browser assets differ from a fresh build (run \`make ui\`): ${differ.join(", ")}`);
    process.exit(1);
  }
  console.log("the committed browser assets match a fresh build");
}
