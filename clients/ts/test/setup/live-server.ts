/**
 * Vitest global setup: one live zndraw-joblib server for the whole run.
 *
 * Spawns `zndraw-joblib serve --dev` from the repository's `.venv` (override with
 * `ZNDRAW_JOBLIB_BIN`) on a free port, with a fresh data directory (its own SQLite file) and
 * none of the caller's `ZNDRAW_JOBLIB_*` settings, waits for `/readyz`, logs the admin in, and
 * provides `baseUrl`, `token`, the admin's login and the long-poll cap to the tests (`inject`).
 * Teardown stops the process and removes the directory.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The live server's origin, e.g. `http://127.0.0.1:41234`. */
    baseUrl: string;
    /** A bearer token of the admin (a superuser). */
    token: string;
    adminEmail: string;
    adminPassword: string;
    /** The server's cap on `Prefer: wait` of GET /tasks, in seconds. */
    longPollMaxWaitSeconds: number;
  }
}

const REPO_ROOT = resolve(fileURLToPath(import.meta.url), "../../../../..");
const SERVER_BIN = process.env["ZNDRAW_JOBLIB_BIN"] ?? join(REPO_ROOT, ".venv/bin/zndraw-joblib");
const ADMIN_EMAIL = "ts-admin@example.com";
const ADMIN_PASSWORD = "ts-client-suite";
/** Seconds a GET /tasks long-poll may hold: short, so the suite sees the client poll again. */
const LONG_POLL_MAX_WAIT_SECONDS = 2;
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(join(tmpdir(), "joblib-ts-"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("ZNDRAW_JOBLIB_")),
  );
  const server = spawn(SERVER_BIN, ["serve", "--dev", "--host", "127.0.0.1", "--port", String(port), "--log-level", "warning"], {
    cwd: dataDir, // no pyproject.toml here: only the settings below apply
    env: {
      ...env,
      ZNDRAW_JOBLIB_DATA_DIR: dataDir,
      ZNDRAW_JOBLIB_ADMIN_EMAIL: ADMIN_EMAIL,
      ZNDRAW_JOBLIB_ADMIN_PASSWORD: ADMIN_PASSWORD,
      ZNDRAW_JOBLIB_LONG_POLL_MAX_WAIT_SECONDS: String(LONG_POLL_MAX_WAIT_SECONDS),
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  server.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-4_000);
  });

  const teardown = async (): Promise<void> => {
    await stop(server);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(baseUrl, server, () => stderr);
    project.provide("baseUrl", baseUrl);
    project.provide("token", await adminToken(baseUrl));
    project.provide("adminEmail", ADMIN_EMAIL);
    project.provide("adminPassword", ADMIN_PASSWORD);
    project.provide("longPollMaxWaitSeconds", LONG_POLL_MAX_WAIT_SECONDS);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === "object") {
          resolvePort(address.port);
        } else {
          reject(new Error("no port from the probe server"));
        }
      });
    });
  });
}

async function waitUntilReady(baseUrl: string, server: ChildProcess, stderr: () => string): Promise<void> {
  let exited: string | undefined;
  const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
    exited = `exited with ${code ?? signal}`;
  };
  const onError = (error: Error): void => {
    exited = `could not start: ${error.message}`;
  };
  server.once("exit", onExit);
  server.once("error", onError);
  try {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (exited !== undefined) {
        throw new Error(`zndraw-joblib (${SERVER_BIN}) ${exited}\n${stderr()}`);
      }
      try {
        const response = await fetch(`${baseUrl}/readyz`);
        if (response.ok) {
          return;
        }
      } catch {
        // not listening yet
      }
      await new Promise((wake) => setTimeout(wake, 100));
    }
    throw new Error(`zndraw-joblib not ready at ${baseUrl} after ${READY_TIMEOUT_MS} ms\n${stderr()}`);
  } finally {
    server.off("exit", onExit);
    server.off("error", onError);
  }
}

async function adminToken(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/v1/auth/jwt/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  if (!response.ok) {
    throw new Error(`admin login failed: ${response.status} ${await response.text()}`);
  }
  const { access_token: token } = (await response.json()) as { access_token: string };
  return token;
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((done) => server.once("exit", () => done()));
  server.kill("SIGTERM");
  const timer = setTimeout(() => server.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
