import { describe, expect, inject, it } from "vitest";

import { JobLibProblemError, createJobLibClient, unwrap } from "../src/index.js";
import { RestWorker, freshRoom, liveClient } from "./support.js";

const ANGLE_SCHEMA = {
  type: "object",
  properties: { angle: { type: "number" } },
  required: ["angle"],
};

describe("createJobLibClient", () => {
  it("lists the jobs visible from a room, and not from another room", async () => {
    const client = liveClient();
    const room = freshRoom();
    const worker = await RestWorker.register(client, room, "Rotate", ANGLE_SCHEMA);

    const page = await client.listJobs(room);
    expect(page.items).toContainEqual({
      full_name: `${room}:modifiers:Rotate`,
      category: "modifiers",
      name: "Rotate",
      workers: [worker.workerId],
    });
    const elsewhere = await client.listJobs(freshRoom());
    expect(elsewhere.items.map((job) => job.full_name)).not.toContain(worker.jobName);
  });

  it("pages a room's jobs with limit and offset", async () => {
    const client = liveClient();
    const room = freshRoom();
    for (const name of ["A", "B", "C"]) {
      await RestWorker.register(client, room, name);
    }
    const first = await client.listJobs(room, { limit: 2 });
    const rest = await client.listJobs(room, { limit: 2, offset: 2 });
    const ours = [...first.items, ...rest.items].map((job) => job.full_name).filter((name) => name.startsWith(room));
    expect(first.limit).toBe(2);
    expect(new Set(ours)).toEqual(new Set(["A", "B", "C"].map((name) => `${room}:modifiers:${name}`)));
  });

  it("gets a job whose name holds '/' and ':', encoding the full name in the path", async () => {
    const client = liveClient();
    const room = freshRoom();
    const worker = await RestWorker.register(client, room, "files/open:recent", ANGLE_SCHEMA);

    const job = await client.getJob(room, worker.jobName);
    expect(job.full_name).toBe(`${room}:modifiers:files/open:recent`);
    expect(job.schema).toEqual(ANGLE_SCHEMA);
    expect(job.worker_id).toBeNull();
  });

  it("submits tasks that wait in FIFO order, and reads them back", async () => {
    const client = liveClient();
    const room = freshRoom();
    const worker = await RestWorker.register(client, room, "Rotate", ANGLE_SCHEMA);

    const first = await client.submitTask(room, worker.jobName, { angle: 45 });
    const second = await client.submitTask(room, worker.jobName, { angle: 90 });
    expect(first).toMatchObject({ job_name: worker.jobName, room_id: room, status: "pending", queue_position: 1 });
    expect(second.queue_position).toBe(2);
    expect(await client.getTask(first.id)).toEqual({ ...first, queue_position: 1 });
    expect((await client.getTask(second.id)).payload).toEqual({ angle: 90 });
  });

  it("submits a batch in one request, claimed in the order given", async () => {
    const client = liveClient();
    const room = freshRoom();
    const worker = await RestWorker.register(client, room, "Rotate", ANGLE_SCHEMA);

    const batch = await client.submitTasks(room, worker.jobName, [{ payload: { angle: 1 } }, { payload: { angle: 2 } }]);
    expect(batch.status).toBe("pending");
    expect(batch.task_ids).toHaveLength(2);
    expect((await client.getTask(batch.task_ids[0]!)).payload).toEqual({ angle: 1 });
    const refused = await client
      .submitTasks(room, worker.jobName, [{ payload: { angle: 3 } }, { payload: { angle: "four" } }])
      .catch((caught: unknown) => caught);
    expect((refused as JobLibProblemError).is("validation-error")).toBe(true);
    expect((await client.listTasks(room)).total).toBe(2);
  });

  it("lists a room's tasks filtered by status", async () => {
    const client = liveClient();
    const room = freshRoom();
    const worker = await RestWorker.register(client, room, "Rotate");
    const done = await client.submitTask(room, worker.jobName);
    await worker.runNext();
    const waiting = await client.submitTask(room, worker.jobName);

    const pending = await client.listTasks(room, { status: "pending" });
    const completed = await client.listTasks(room, { status: "completed" });
    expect(pending.items.map((task) => task.id)).toEqual([waiting.id]);
    expect(completed.items.map((task) => task.id)).toEqual([done.id]);
    expect((await client.listTasks(room)).total).toBe(2);
  });

  it("cancels a pending task", async () => {
    const client = liveClient();
    const room = freshRoom();
    const worker = await RestWorker.register(client, room, "Rotate");
    const task = await client.submitTask(room, worker.jobName);

    const cancelled = await client.cancelTask(task.id);
    expect(cancelled).toMatchObject({ id: task.id, status: "cancelled", queue_position: null });
    expect(cancelled.completed_at).not.toBeNull();
  });

  it("sends the token a token function returns, per request", async () => {
    let calls = 0;
    const client = createJobLibClient({
      baseUrl: inject("baseUrl"),
      token: async () => {
        calls += 1;
        return inject("token");
      },
    });
    await client.listJobs("@global");
    await client.listJobs("@global");
    expect(calls).toBe(2);
  });
});

describe("problems", () => {
  it("throws job-not-found for a job another room keeps to itself", async () => {
    const client = liveClient();
    const worker = await RestWorker.register(client, freshRoom(), "Private");

    const error = await client.submitTask(freshRoom(), worker.jobName).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JobLibProblemError);
    const problem = error as JobLibProblemError;
    expect(problem.type).toBe("/v1/problems/job-not-found");
    expect(problem.is("job-not-found")).toBe(true);
    expect(problem.is("task-not-found")).toBe(false);
    expect(problem.status).toBe(404);
    expect(problem.title).toBe("Job not found");
    expect(problem.detail).toContain(worker.jobName);
    expect(problem.errors).toEqual([]);
  });

  it("throws validation-error listing what is wrong with a payload", async () => {
    const client = liveClient();
    const room = freshRoom();
    const worker = await RestWorker.register(client, room, "Rotate", ANGLE_SCHEMA);

    const error = await client.submitTask(room, worker.jobName, { angle: "steep" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JobLibProblemError);
    const problem = error as JobLibProblemError;
    expect(problem.status).toBe(422);
    expect(problem.is("validation-error")).toBe(true);
    expect(problem.errors.length).toBeGreaterThan(0);
    expect(problem.errors[0]?.loc).toEqual(["body", "payload", "angle"]);
  });

  it("throws invalid-room-id for a malformed room", async () => {
    const error = await liveClient().listJobs("a:b").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JobLibProblemError);
    expect((error as JobLibProblemError).is("invalid-room-id")).toBe(true);
    expect((error as JobLibProblemError).status).toBe(400);
  });

  it("throws unauthorized for a bad token", async () => {
    const client = createJobLibClient({ baseUrl: inject("baseUrl"), token: "not-a-jwt" });
    const error = await client.listJobs("@global").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JobLibProblemError);
    expect((error as JobLibProblemError).is("unauthorized")).toBe(true);
    expect((error as JobLibProblemError).status).toBe(401);
  });

  it("unwrap throws the problem of a raw api call and returns the data of a 2xx one", async () => {
    const client = liveClient();
    const missing = await client.api.GET("/v1/joblib/tasks/{task_id}", {
      params: { path: { task_id: "01a20e88-bdc6-777b-9509-6130f34f6030" } },
    });
    expect(() => unwrap(missing)).toThrowError(JobLibProblemError);
    expect(() => unwrap(missing)).toThrowError(/Task not found/);
    const worker = unwrap(await client.api.POST("/v1/joblib/workers"));
    expect(worker.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
