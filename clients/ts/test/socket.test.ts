import { afterEach, describe, expect, inject, it } from "vitest";

import { JobLibAckError, JobLibConnectError, connectEvents } from "../src/index.js";
import { EventRecorder, RestWorker, closeConnections, freshRoom, liveClient, liveEvents, pause } from "./support.js";

afterEach(closeConnections);

describe("connectEvents", () => {
  it("connects with a token and joins a room", async () => {
    const events = liveEvents();
    await events.connected();
    const room = freshRoom();

    expect(await events.joinRoom(room)).toEqual({ ok: true });
    expect(events.rooms()).toEqual([room]);
  });

  it.each([
    ["an empty token", ""],
    ["a token that is not a JWT", "not-a-jwt"],
  ])("is refused with %s", async (_case, token) => {
    const events = connectEvents({ url: inject("baseUrl"), token });
    try {
      const error = await events.connected().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(JobLibConnectError);
      expect((error as JobLibConnectError).reason).toBe("unauthorized");
      expect(events.socket.connected).toBe(false);
      // A refusal is final: asking again rejects at once.
      await expect(events.connected()).rejects.toBeInstanceOf(JobLibConnectError);
    } finally {
      events.close();
    }
  });

  it("keeps trying through transport failures until the caller's signal gives up", async () => {
    // Nothing listens on port 9 (discard) of localhost: every attempt fails at the transport.
    const events = connectEvents({
      url: "http://127.0.0.1:9",
      token: inject("token"),
      socketOptions: { reconnectionDelay: 20, reconnectionDelayMax: 20 },
    });
    try {
      const failures: string[] = [];
      events.socket.on("connect_error", (error) => failures.push(error.message));
      const error = await events.connected({ signal: AbortSignal.timeout(500) }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DOMException);
      expect((error as DOMException).name).toBe("TimeoutError");
      expect(failures.length).toBeGreaterThan(1);
    } finally {
      events.close();
    }
  });

  it("rejects a join of a malformed room id with a validation-error, and keeps no membership", async () => {
    const events = liveEvents();

    const error = await events.joinRoom("not:a:room").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JobLibAckError);
    expect((error as JobLibAckError).event).toBe("join_room");
    expect((error as JobLibAckError).is("validation-error")).toBe(true);
    expect((error as JobLibAckError).detail).toContain("room_id");
    expect(events.rooms()).toEqual([]);
  });

  it("pushes every status of a task to the room, from submission to completion", async () => {
    const client = liveClient();
    const room = freshRoom();
    const worker = await RestWorker.register(client, room, "Rotate");
    const events = liveEvents();
    const statuses = new EventRecorder(events, "task_status_event");
    await events.joinRoom(room);

    const task = await client.submitTask(room, worker.jobName, { angle: 10 });
    await worker.runNext();

    const completed = await statuses.until((event) => event.id === task.id && event.status === "completed");
    expect(statuses.received.filter((event) => event.id === task.id).map((event) => event.status)).toEqual([
      "pending",
      "claimed",
      "running",
      "completed",
    ]);
    expect(statuses.received[0]).toMatchObject({ name: worker.jobName, room_id: room, queue_position: 1, worker_id: null });
    expect(completed).toMatchObject({ name: worker.jobName, room_id: room, worker_id: worker.workerId, error: null });
    expect(completed.completed_at).not.toBeNull();
  });

  it("pushes jobs_invalidate when a job is registered in the room", async () => {
    const room = freshRoom();
    const events = liveEvents();
    const invalidations = new EventRecorder(events, "jobs_invalidate");
    await events.joinRoom(room);

    await RestWorker.register(liveClient(), room, "Select");
    expect(await invalidations.until(() => true)).toEqual({});
  });

  it("counts memberships: the socket leaves a room with its last membership", async () => {
    const client = liveClient();
    const room = freshRoom();
    const worker = await RestWorker.register(client, room, "Rotate");
    const events = liveEvents();
    const control = liveEvents();
    const seen = new EventRecorder(events, "task_status_event");
    const controlSeen = new EventRecorder(control, "task_status_event");
    await control.joinRoom(room);
    await events.joinRoom(room);
    await events.joinRoom(room);

    await events.leaveRoom(room);
    const first = await client.submitTask(room, worker.jobName);
    await seen.until((event) => event.id === first.id);

    await events.leaveRoom(room);
    expect(events.rooms()).toEqual([]);
    const second = await client.submitTask(room, worker.jobName);
    await controlSeen.until((event) => event.id === second.id);
    await pause(200);
    expect(seen.received.map((event) => event.id)).not.toContain(second.id);
  });

  it("joins its rooms again after a reconnection, then calls onRejoin", async () => {
    const client = liveClient();
    const room = freshRoom();
    const worker = await RestWorker.register(client, room, "Rotate");
    const events = liveEvents({ socketOptions: { reconnectionDelay: 50, reconnectionDelayMax: 100 } });
    const statuses = new EventRecorder(events, "task_status_event");
    await events.joinRoom(room);
    const rejoined = new Promise<void>((resolve) => events.onRejoin(resolve));
    const firstId = events.socket.id;

    events.socket.io.engine.close(); // the transport drops; socket.io-client reconnects
    await rejoined;

    expect(events.socket.id).not.toBe(firstId);
    const task = await client.submitTask(room, worker.jobName);
    await statuses.until((event) => event.id === task.id);
  });
});

describe("joinAllRooms", () => {
  it("follows every room with one membership, each event once, and again after a reconnection", async () => {
    const client = liveClient();
    const rooms = [freshRoom(), freshRoom()];
    const workers = await Promise.all(rooms.map((room) => RestWorker.register(client, room, "Rotate")));
    const events = liveEvents({ socketOptions: { reconnectionDelay: 50, reconnectionDelayMax: 100 } });
    const statuses = new EventRecorder(events, "task_status_event");
    expect(await events.joinAllRooms()).toEqual({ ok: true });
    await events.joinRoom(rooms[0]);

    const first = await Promise.all(rooms.map((room, i) => client.submitTask(room, workers[i].jobName)));
    for (const task of first) {
      await statuses.until((event) => event.id === task.id);
    }
    await pause(200);
    expect(statuses.received.filter((event) => event.id === first[0].id)).toHaveLength(1);

    const rejoined = new Promise<void>((resolve) => events.onRejoin(resolve));
    events.socket.io.engine.close();
    await rejoined;
    const later = await client.submitTask(rooms[1], workers[1].jobName);
    await statuses.until((event) => event.id === later.id);

    await events.leaveAllRooms();
    const unheard = await client.submitTask(rooms[1], workers[1].jobName);
    const heard = await client.submitTask(rooms[0], workers[0].jobName);
    await statuses.until((event) => event.id === heard.id);
    await pause(200);
    expect(statuses.received.map((event) => event.id)).not.toContain(unheard.id);
  });
});
