/**
 * The built package as a consumer sees it: `npm test` builds `dist/` before vitest runs, and
 * this file imports the package by its name (Node resolves it through package.json `exports`),
 * as an ES module and as CommonJS, and packs it the way `npm publish` does.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { describe, expect, inject, it } from "vitest";

const run = promisify(execFile);
const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
type Entry = { types: string; default: string };
const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  name: string;
  main: string;
  types: string;
  exports: { ".": { import: Entry; require: Entry } };
};
/** Milliseconds for tests that run tsc or npm (a loaded machine). */
const TOOL_TIMEOUT_MS = 180_000;

describe("the built package", () => {
  it("has the ESM and CommonJS entries and the declarations package.json points at", () => {
    const { import: esm, require: cjs } = manifest.exports["."];
    for (const file of [esm.default, esm.types, cjs.default, cjs.types, manifest.types, manifest.main]) {
      expect(existsSync(new URL(`../${file}`, import.meta.url)), `${file} (run npm run build)`).toBe(true);
    }
    for (const types of [esm.types, cjs.types]) {
      const declarations = readFileSync(new URL(`../${types}`, import.meta.url), "utf8");
      expect(declarations).toContain("createJobLibClient");
      expect(declarations).toContain("connectEvents");
    }
    expect(JSON.parse(readFileSync(new URL("../dist/cjs/package.json", import.meta.url), "utf8"))).toEqual({
      type: "commonjs",
    });
  });

  it("imports by its name and exports the runtime API", async () => {
    const script = `const m = await import(${JSON.stringify(manifest.name)}); console.log(JSON.stringify(Object.keys(m).sort()));`;
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { cwd: PACKAGE_DIR });
    expect(JSON.parse(stdout)).toEqual([
      "ACK_TIMEOUT_MS_DEFAULT",
      "JobLibAckError",
      "JobLibConnectError",
      "JobLibError",
      "JobLibProblemError",
      "JobLibTimeoutError",
      "POLL_WAIT_SECONDS_DEFAULT",
      "PROBLEM_TYPE_PREFIX",
      "RETRY_TIMEOUT_MS_DEFAULT",
      "SERVER_EVENTS",
      "SOCKETIO_PATH_DEFAULT",
      "TERMINAL_STATUSES",
      "connectEvents",
      "createJobLibClient",
      "isTerminalStatus",
      "isTerminalTask",
      "login",
      "problemFromResponse",
      "retryingFetch",
      "unwrap",
      "watchTask",
    ]);
  });

  it("is required by a CommonJS consumer, with the same exports, and works there", async () => {
    const esm = `const m = await import(${JSON.stringify(manifest.name)}); console.log(JSON.stringify(Object.keys(m).sort()));`;
    const { stdout: esmKeys } = await run(process.execPath, ["--input-type=module", "-e", esm], { cwd: PACKAGE_DIR });
    const cjs = `
      const m = require(${JSON.stringify(manifest.name)});
      console.log(JSON.stringify(Object.keys(m).sort()));
      const client = m.createJobLibClient({ baseUrl: process.env.BASE_URL, token: process.env.TOKEN });
      client.listJobs("@global").then((page) => {
        console.log(JSON.stringify({ total: typeof page.total }));
        return m.login({ baseUrl: process.env.BASE_URL, email: "nobody@example.com", password: "wrong-password" });
      }).catch((error) => {
        console.log(JSON.stringify({ problem: error instanceof m.JobLibProblemError && error.status }));
      });`;
    const { stdout } = await run(process.execPath, ["-e", cjs], {
      cwd: PACKAGE_DIR,
      env: { ...process.env, BASE_URL: inject("baseUrl"), TOKEN: inject("token") },
    });
    const [keys, ...answers] = stdout.trim().split("\n").map((line) => JSON.parse(line) as unknown);
    expect(keys).toEqual(JSON.parse(esmKeys) as unknown);
    expect(answers).toEqual([{ total: "number" }, { problem: 400 }]);
  });

  it(
    "type-checks in a CommonJS TypeScript project (module node16, a .cts file)",
    async () => {
      // inside the package folder: the consumer imports the package by its own name (self-reference)
      const dir = mkdtempSync(join(PACKAGE_DIR, ".cts-consumer-"));
      try {
        writeFileSync(
          join(dir, "consumer.cts"),
          `import { createJobLibClient, type TaskResponse } from "${manifest.name}";\n` +
            `const client = createJobLibClient({ baseUrl: "http://127.0.0.1:8000", token: "t" });\n` +
            `export const task: Promise<TaskResponse> = client.getTask("x");\n`,
        );
        const tsc = join(PACKAGE_DIR, "node_modules", "typescript", "bin", "tsc");
        const args = ["--noEmit", "--strict", "--module", "node16", "--moduleResolution", "node16", "--types", "node"];
        await run(process.execPath, [tsc, ...args, join(dir, "consumer.cts")], { cwd: PACKAGE_DIR });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    TOOL_TIMEOUT_MS,
  );

  it(
    "packs dist/ (built by prepack) even from a tree that was never built",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "joblib-pack-"));
      try {
        for (const entry of ["package.json", "README.md", "LICENSE", "src", "scripts", "tsconfig.json", "tsconfig.build.json", "tsconfig.cjs.json"]) {
          cpSync(join(PACKAGE_DIR, entry), join(dir, entry), { recursive: true });
        }
        symlinkSync(join(PACKAGE_DIR, "node_modules"), join(dir, "node_modules"), "dir");
        expect(existsSync(join(dir, "dist"))).toBe(false);
        const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts=false"], { cwd: dir });
        const [packed] = JSON.parse(stdout.slice(stdout.indexOf("["))) as [{ files: { path: string }[] }];
        const files = packed.files.map((file) => file.path);
        for (const file of ["dist/index.js", "dist/index.d.ts", "dist/cjs/index.js", "dist/cjs/index.d.ts", "dist/cjs/package.json", "LICENSE"]) {
          expect(files).toContain(file);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    TOOL_TIMEOUT_MS,
  );
});
