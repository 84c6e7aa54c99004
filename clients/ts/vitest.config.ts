import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/live-server.ts"],
    testTimeout: 15_000,
    hookTimeout: 30_000,
    // Tests share one server; files run in parallel, each in its own rooms.
    fileParallelism: true,
  },
});
