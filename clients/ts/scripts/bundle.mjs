// node scripts/bundle.mjs ENTRY OUTFILE
//
// Bundles a browser page's entry module, which imports "@zndraw/joblib-client" by its name as a
// frontend does, into one ES module file with every dependency inside (no CDN, no import map):
// what a frontend's bundler makes of this package. The name resolves to this package's built
// ES module (`npm run build` first). tests/browser uses it for its pages.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { build } from "rolldown";

const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) {
  console.error("usage: node scripts/bundle.mjs ENTRY OUTFILE");
  process.exit(2);
}
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
await build({
  input: resolve(entry),
  platform: "browser",
  logLevel: "warn",
  resolve: { alias: { "@zndraw/joblib-client": resolve(packageDir, "dist/index.js") } },
  output: { file: resolve(outfile), format: "esm", sourcemap: true },
});
