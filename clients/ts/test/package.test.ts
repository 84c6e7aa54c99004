/**
 * The built package as a consumer sees it: `npm test` builds `dist/` before vitest runs, and
 * this file imports the package by its name (Node resolves it through package.json `exports`).
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { describe, expect, it } from "vitest";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  name: string;
  types: string;
  exports: { ".": { types: string; import: string } };
};

describe("the built package", () => {
  it("has the ESM entry and the declarations package.json points at", () => {
    const entry = manifest.exports["."];
    for (const file of [entry.import, entry.types, manifest.types]) {
      expect(existsSync(new URL(`../${file}`, import.meta.url)), `${file} (run npm run build)`).toBe(true);
    }
    const declarations = readFileSync(new URL(`../${entry.types}`, import.meta.url), "utf8");
    expect(declarations).toContain("createJobLibClient");
    expect(declarations).toContain("connectEvents");
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
});
