import { afterEach, describe, expect, inject, it } from "vitest";

import { JobLibProblemError, JobLibTimeoutError, isTerminalStatus, watchTask } from "../src/index.js";
import { RestWorker, closeConnections, freshRoom, liveClient, liveEvents, pause } from "./support.js";

afterEach(closeConnections);

/** A room with a job served by a REST-driven worker, and a pending task of it. */
async function pendingTask(payload: Record<string, unknown> = {}) {
  const client = liveClient();
  const room = freshRoom();
  const worker = await RestWorker.register(client, room, "Rotate");
  const task = await client.submitTask(room, worker.jobName, payload);
  return { client, room, worker, task };
}

describe.each([
  ["long-polling", false],
  ["events", true],
])("watchTask by %s", (_mode, byEvents) => {
  const events = () => (byEvents ? { events: liveEvents() } : {});

  it("resolves with the completed task once the worker completes it", async () => {
    const { client, worker, task } = await pendingTask({ angle: 30 });
    const watching = client.watchTask(task.id, { ...events(), timeoutMs: 10_000 });
    await pause(300);
    const finished = await worker.runNext();

    const watched = await watching;
    expect(watched).toEqual(finished);
    expect(watched).toMatchObject({ status: "completed", payload: { angle: 30 }, error: null });
  });

  it("resolves with a failed task (a failure is a result, not an error)", async () => {
    const { client, worker, task } = await pendingTask();
    const watching = client.watchTask(task.id, { ...events(), timeoutMs: 10_000 });
    await worker.runNext("angle out of range");

    expect(await watching).toMatchObject({ id: task.id, status: "failed", error: "angle out of range" });
  });

  it("resolves at once for a task that is already terminal", async () => {
    const { client, task } = await pendingTask();
    await client.cancelTask(task.id);

    const started = Date.now();
    expect((await client.watchTask(task.id, { ...events(), timeoutMs: 5_000 })).status).toBe("cancelled");
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("rejects with JobLibTimeoutError when the task is still pending at the timeout", async () => {
    const { client, task } = await pendingTask();
    const started = Date.now();

    const error = await client.watchTask(task.id, { ...events(), timeoutMs: 400 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JobLibTimeoutError);
    expect((error as JobLibTimeoutError).timeoutMs).toBe(400);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect((await client.getTask(task.id)).status).toBe("pending");
  });

  it("rejects with the signal's reason when aborted", async () => {
    const { client, task } = await pendingTask();
    const controller = new AbortController();
    const watching = client.watchTask(task.id, { ...events(), signal: controller.signal });
    await pause(200);
    const reason = new Error("the user closed the dialog");
    controller.abort(reason);

    await expect(watching).rejects.toBe(reason);
  });

  it("rejects with task-not-found for an unknown task", async () => {
    const error = await liveClient()
      .watchTask("01a20e88-bdc6-777b-9509-6130f34f6030", { ...events(), timeoutMs: 5_000 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JobLibProblemError);
    expect((error as JobLibProblemError).is("task-not-found")).toBe(true);
  });
});

describe("watchTask by long-polling", () => {
  it("asks again when the server's wait cap passes before the task ends", async () => {
    const cap = inject("longPollMaxWaitSeconds");
    const { client, worker, task } = await pendingTask();
    const watching = client.watchTask(task.id, { pollWaitSeconds: 30, timeoutMs: 15_000 });
    await pause(cap * 1_000 + 500);
    await worker.runNext();

    expect((await watching).status).toBe("completed");
  });

  it("holds each request at the server instead of polling in a loop", async () => {
    const { client, task } = await pendingTask();
    const started = Date.now();
    const held = await client.getTask(task.id, { waitSeconds: 1 });
    expect(held.status).toBe("pending");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});

describe("watchTask by events", () => {
  it("joins the task's room for the watch only, and leaves it after", async () => {
    const events = liveEvents();
    const { client, room, worker, task } = await pendingTask();
    await events.joinRoom(room);
    const watching = client.watchTask(task.id, { events, timeoutMs: 10_000 });
    await pause(200);
    expect(events.rooms()).toEqual([room]);
    await worker.runNext();

    expect(isTerminalStatus((await watching).status)).toBe(true);
    // The caller's own membership stays; the watch's is released.
    expect(events.rooms()).toEqual([room]);
    await events.leaveRoom(room);
    expect(events.rooms()).toEqual([]);
  });

  it("learns of the end from the event, not by long-polling", async () => {
    const events = liveEvents();
    const { client, worker, task } = await pendingTask();
    const waits: (string | null)[] = [];
    const spied = {
      getTask: (taskId: string, options?: Parameters<typeof client.getTask>[1]) => {
        waits.push(options?.waitSeconds === undefined ? null : String(options.waitSeconds));
        return client.getTask(taskId, options);
      },
    };
    const watching = watchTask(spied, task.id, { events, timeoutMs: 10_000 });
    await pause(200);
    await worker.runNext();

    expect((await watching).status).toBe("completed");
    expect(waits.every((wait) => wait === null)).toBe(true);
    expect(waits.length).toBeGreaterThanOrEqual(3);
  });
});
