// `npm run build` (and `npm pack`, through `prepack`): dist/ holds two builds of src/.
//   dist/        ES modules + .d.ts          (package.json exports "import")
//   dist/cjs/    CommonJS + .d.ts, with a    (package.json exports "require")
//                package.json {"type": "commonjs"} so Node and TypeScript read them as CommonJS
// Both come from the same sources by tsc; nothing is bundled (openapi-fetch and socket.io-client
// ship both formats themselves).
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
rmSync("dist", { recursive: true, force: true });
for (const project of ["tsconfig.build.json", "tsconfig.cjs.json"]) {
  execFileSync(process.execPath, [tsc, "-p", project], { stdio: "inherit" });
}
mkdirSync("dist/cjs", { recursive: true });
writeFileSync("dist/cjs/package.json", `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);
