/**
 * Compile-time tests, checked by `tsc -p tsconfig.json` (part of `npm test`), never run.
 *
 * Each `@ts-expect-error` line must fail to type-check: if the generated types or the client
 * ever accept a wrong payload or an unknown event name, that directive is unused and tsc fails.
 * The `expectTypeOf` lines pin what the public API gives back (and that none of it is `any`).
 */
import { expectTypeOf } from "vitest";

import {
  type AckOk,
  type EventsConnection,
  type JobLibClient,
  type JobLibSocket,
  type JobPage,
  type ProblemSlug,
  type TaskResponse,
  type TaskStatus,
  type TerminalTask,
  type WorkerPage,
  type events,
  JobLibProblemError,
  connectEvents,
  createJobLibClient,
  login,
  unwrap,
} from "../src/index.js";

export function socketEventsAreTyped(socket: JobLibSocket): void {
  socket.on("task_status_event", (event) => {
    expectTypeOf(event).toEqualTypeOf<events.TaskStatusEvent>();
    expectTypeOf(event.status).toEqualTypeOf<TaskStatus>();
    expectTypeOf(event.completed_at).toEqualTypeOf<string | null>();
  });
  socket.on("provider_request", (event) => {
    expectTypeOf(event.params).toBeString();
  });

  // @ts-expect-error: not an event of asyncapi.yaml
  socket.on("task_status", () => undefined);
  // @ts-expect-error: the listener's payload type is not TaskStatusEvent
  socket.on("task_status_event", (event: { id: number }) => event);
  // @ts-expect-error: a client → server event is not something the server emits
  socket.on("join_room", () => undefined);
}

export async function socketRequestsAreTyped(socket: JobLibSocket): Promise<void> {
  expectTypeOf(await socket.emitWithAck("join_room", { room_id: "room_42" })).toEqualTypeOf<events.Ack>();
  // @ts-expect-error: room_id must be a string
  await socket.emitWithAck("join_room", { room_id: 42 });
  // @ts-expect-error: the payload key is room_id
  await socket.emitWithAck("join_room", { room: "room_42" });
  // @ts-expect-error: worker_id is required to join a job room
  await socket.emitWithAck("join_job_room", { job_name: "@global:modifiers:Rotate" });
  // @ts-expect-error: not an event the server handles
  socket.emit("join_everything", {});
  // @ts-expect-error: a server → client event cannot be emitted by the client
  socket.emit("task_status_event", {});
}

export async function connectionIsTyped(connection: EventsConnection): Promise<void> {
  expectTypeOf(await connection.joinRoom("room_42")).toEqualTypeOf<AckOk>();
  expectTypeOf(await connection.joinAllRooms()).toEqualTypeOf<AckOk>();
  const stop = connection.on("jobs_invalidate", (event) => {
    expectTypeOf(event).toEqualTypeOf<events.JobsInvalidate>();
  });
  expectTypeOf(stop).toEqualTypeOf<() => void>();

  // @ts-expect-error: not an event of asyncapi.yaml
  connection.on("tasks_invalidate", () => undefined);
  // @ts-expect-error: the listener's payload type is not ProviderResultReady
  connection.on("provider_result_ready", (event: events.TaskAvailable) => event);
  // @ts-expect-error: a room id is a string
  await connection.joinRoom(42);
  // @ts-expect-error: join_all_rooms takes no data
  connection.socket.emit("join_all_rooms", { room_id: "room_42" }, () => undefined);
  // @ts-expect-error: the token is required
  connectEvents({ url: "http://127.0.0.1:8000" });
}

export async function restHelpersAreTyped(client: JobLibClient): Promise<void> {
  expectTypeOf(await client.listJobs("room_42")).toEqualTypeOf<JobPage>();
  expectTypeOf(await client.submitTask("room_42", "@global:modifiers:Rotate", { angle: 45 })).toEqualTypeOf<TaskResponse>();
  expectTypeOf(await client.watchTask("id")).toEqualTypeOf<TerminalTask>();
  expectTypeOf<TerminalTask["status"]>().toEqualTypeOf<"completed" | "failed" | "cancelled">();

  // @ts-expect-error: the payload is an object of parameters
  await client.submitTask("room_42", "@global:modifiers:Rotate", 45);
  // @ts-expect-error: "done" is not a TaskStatus
  await client.listTasks("room_42", { status: "done" });
  // @ts-expect-error: the long-poll wait is a number of seconds
  await client.getTask("id", { waitSeconds: "30" });
  // @ts-expect-error: the token is required
  createJobLibClient({ baseUrl: "http://127.0.0.1:8000" });
}

export async function rawApiIsTyped(client: JobLibClient): Promise<void> {
  const page = unwrap(await client.api.GET("/v1/joblib/workers", { params: { query: { limit: 10 } } }));
  expectTypeOf(page).toEqualTypeOf<WorkerPage>();

  // @ts-expect-error: not a path of openapi.yaml
  await client.api.GET("/v1/joblib/everything");
  // @ts-expect-error: the path needs its room_id parameter
  await client.api.GET("/v1/joblib/rooms/{room_id}/jobs", {});
  // @ts-expect-error: a task update's status must be a TaskStatus
  await client.api.PATCH("/v1/joblib/tasks/{task_id}", { params: { path: { task_id: "id" } }, body: { status: "done" } });
  // @ts-expect-error: a job registration needs its name
  await client.api.PUT("/v1/joblib/rooms/{room_id}/jobs", { params: { path: { room_id: "r" } }, body: { category: "modifiers" } });
}

export function problemsAreTyped(error: JobLibProblemError): void {
  expectTypeOf(error.status).toBeNumber();
  expectTypeOf<ProblemSlug>().toEqualTypeOf<
    | "bad-credentials" | "forbidden" | "idempotency-key-reused" | "internal-error" | "internal-job-not-configured"
    | "invalid-category" | "invalid-room-id" | "invalid-task-transition" | "job-not-found" | "method-not-allowed"
    | "no-workers-available" | "not-found" | "not-ready" | "payload-too-complex" | "payload-too-large"
    | "provider-error" | "provider-not-found" | "provider-timeout" | "registration-closed" | "request-timeout"
    | "schema-conflict" | "service-unavailable" | "task-not-found" | "too-many-requests" | "unauthorized"
    | "user-already-exists" | "validation-error" | "worker-not-found"
  >();
  // @ts-expect-error: not a problem type of openapi.yaml
  error.is("job-missing");
}

export function nothingPublicIsAny(): void {
  expectTypeOf(createJobLibClient).parameters.not.toBeAny();
  expectTypeOf(createJobLibClient).returns.not.toBeAny();
  expectTypeOf(connectEvents).returns.not.toBeAny();
  expectTypeOf(login).returns.toEqualTypeOf<Promise<string>>();
  expectTypeOf<JobLibClient["getJob"]>().returns.not.toBeAny();
  expectTypeOf<JobLibProblemError["errors"]>().not.toBeAny();
  expectTypeOf<JobLibProblemError["problem"]>().not.toBeAny();
}
