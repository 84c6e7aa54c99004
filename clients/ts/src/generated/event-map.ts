// generated from asyncapi.yaml by `make generate` (codegen/); do not edit
import type { Ack, JobsInvalidate, JoinAllRooms, JoinJobRoom, JoinProviderRoom, JoinRoom, LeaveAllRooms, LeaveJobRoom, LeaveProviderRoom, LeaveRoom, ProviderRequest, ProviderResultReady, ProvidersInvalidate, TaskAvailable, TaskCancelled, TaskProgress, TaskStatusEvent, TasksSubmitted } from "./events.js";

/** Events the server emits, by name (asyncapi.yaml `send` operations). */
export interface ServerToClientEvents {
  /** The room's job list changed; fetch it again. */
  jobs_invalidate: (payload: JobsInvalidate) => void;
  /** A task of the room changed status (submission and retries included). */
  task_status_event: (payload: TaskStatusEvent) => void;
  /** The room's provider list changed (registered, deleted, or its worker deleted). */
  providers_invalidate: (payload: ProvidersInvalidate) => void;
  /** A provider result was uploaded and can be read from the cache. */
  provider_result_ready: (payload: ProviderResultReady) => void;
  /** A batch of tasks was submitted to the room (`submitTasks`). */
  tasks_submitted: (payload: TasksSubmitted) => void;
  /** A running task of the room reported progress. */
  task_progress: (payload: TaskProgress) => void;
  /** A task the worker claimed was cancelled; stop working on it. */
  task_cancelled: (payload: TaskCancelled) => void;
  /** A task was submitted to the job; idle workers claim it. */
  task_available: (payload: TaskAvailable) => void;
  /** A read missed the cache; upload the result with `POST /v1/joblib/providers/{id}/results`. */
  provider_request: (payload: ProviderRequest) => void;
}

/** Events a client may emit, each answered with an acknowledgement (`receive` operations). */
export interface ClientToServerEvents {
  /** A frontend enters `room:{room_id}`. */
  join_room: (payload: JoinRoom, ack: (reply: Ack) => void) => void;
  /** A frontend leaves `room:{room_id}`. */
  leave_room: (payload: LeaveRoom, ack: (reply: Ack) => void) => void;
  /** A superuser's socket enters `room:*`, the events of every room. */
  join_all_rooms: (payload: JoinAllRooms, ack: (reply: Ack) => void) => void;
  /** A socket leaves `room:*`. */
  leave_all_rooms: (payload: LeaveAllRooms, ack: (reply: Ack) => void) => void;
  /** A worker that serves the job enters `jobs:{job_name}`. */
  join_job_room: (payload: JoinJobRoom, ack: (reply: Ack) => void) => void;
  /** A worker leaves `jobs:{job_name}`. */
  leave_job_room: (payload: LeaveJobRoom, ack: (reply: Ack) => void) => void;
  /** The worker that serves the provider enters `providers:{provider_name}`. */
  join_provider_room: (payload: JoinProviderRoom, ack: (reply: Ack) => void) => void;
  /** A worker leaves `providers:{provider_name}`. */
  leave_provider_room: (payload: LeaveProviderRoom, ack: (reply: Ack) => void) => void;
}

/** The names of every server → client event, for run-time checks. */
export const SERVER_EVENTS = ["jobs_invalidate", "provider_request", "provider_result_ready", "providers_invalidate", "task_available", "task_cancelled", "task_progress", "task_status_event", "tasks_submitted"] as const;
