/**
 * The typed REST client: openapi-fetch over the `paths` generated from openapi.yaml, plus the few
 * calls a frontend makes all the time as methods that return data and throw problems.
 *
 * `client.api` is the raw openapi-fetch client for everything else (workers, providers, …): its
 * paths, parameters, bodies and answers are all typed from the spec, and it returns
 * `{ data, error, response }` instead of throwing.
 */
import createClient from "openapi-fetch";
import type { Client } from "openapi-fetch";

import { type FetchFunction, type TokenSource, resolveToken } from "./auth.js";
import type {
  FullName,
  JobPage,
  JobResponse,
  RoomId,
  TaskBatchResponse,
  TaskPage,
  TaskResponse,
  TaskStatus,
  paths,
} from "./generated/openapi.js";
import { JobLibProblemError, problemFromResponse } from "./problems.js";
import { type RetryOptions, retryingFetch } from "./retry.js";
import { type TerminalTask, type WatchTaskOptions, watchTask } from "./watch.js";

/** The raw openapi-fetch client, typed from openapi.yaml. */
export type JobLibApi = Client<paths>;

export interface JobLibClientOptions {
  /** The server's origin (plus the prefix a host app mounts the API under), e.g. `http://127.0.0.1:8000`. */
  baseUrl: string;
  /** The bearer token, or a function returning the current one (called per request). */
  token: TokenSource;
  /** A fetch implementation (defaults to the global `fetch`). */
  fetch?: FetchFunction;
  /**
   * How long a request that failed in a way that is safe to repeat keeps being sent again (see
   * {@link retryingFetch}); `{ timeoutMs: 0 }` never repeats a request.
   */
  retry?: RetryOptions;
}

/** A page of a list endpoint: `limit` 0..500 (server default 50), `offset` ≥ 0. */
export interface PageOptions {
  limit?: number;
  offset?: number;
}

export interface TaskListOptions extends PageOptions {
  /** Only tasks in this status. */
  status?: TaskStatus;
}

export interface SubmitOptions {
  /** -100..100, default 0: higher is claimed first. */
  priority?: number;
  /** Sent as `Idempotency-Key`: a repeated submission with it answers the first task. */
  idempotencyKey?: string;
}

export interface GetTaskOptions {
  /**
   * Seconds the server may hold the answer until the task is terminal (`Prefer: wait=N`); the
   * server caps it at its `long_poll_max_wait_seconds`. Omit to answer at once.
   */
  waitSeconds?: number;
  signal?: AbortSignal;
}

/** The REST client. Every method throws {@link JobLibProblemError} for a non-2xx answer. */
export interface JobLibClient {
  /** The raw typed client, for every endpoint of openapi.yaml. */
  readonly api: JobLibApi;
  /** Jobs visible from a room, newest first. */
  listJobs(roomId: RoomId, page?: PageOptions): Promise<JobPage>;
  /** One job visible from a room, with its parameter JSON Schema. */
  getJob(roomId: RoomId, jobName: FullName): Promise<JobResponse>;
  /** Tasks submitted to a room, newest first. */
  listTasks(roomId: RoomId, options?: TaskListOptions): Promise<TaskPage>;
  /**
   * Submit a task of `jobName` (a full name, e.g. `@global:modifiers:Rotate`) into a room; a higher
   * `priority` is claimed first; with an `idempotencyKey`, sending the same submission again (after
   * a lost answer) answers the first task instead of submitting another.
   */
  submitTask(
    roomId: RoomId,
    jobName: FullName,
    payload?: Record<string, unknown>,
    options?: SubmitOptions,
  ): Promise<TaskResponse>;
  /**
   * Submit many tasks of one job at once (`submitTasks`, 1 to 1000): all or nothing (one invalid
   * payload refuses the batch; the problem's `errors` name its index), claimed in the order given
   * per priority. Answers the new task ids in that order.
   */
  submitTasks(
    roomId: RoomId,
    jobName: FullName,
    tasks: ReadonlyArray<{ payload?: Record<string, unknown>; priority?: number }>,
    options?: Pick<SubmitOptions, "idempotencyKey">,
  ): Promise<TaskBatchResponse>;
  /** A task's current state, or (with `waitSeconds`) its state once terminal or the wait ends. */
  getTask(taskId: string, options?: GetTaskOptions): Promise<TaskResponse>;
  /** Cancel a task (its submitter may while it is pending; a worker's owner until it is terminal). */
  cancelTask(taskId: string): Promise<TaskResponse>;
  /** Follow a task until it is terminal; see {@link watchTask}. */
  watchTask(taskId: string, options?: WatchTaskOptions): Promise<TerminalTask>;
}

/** Create a REST client for one server and one identity. */
export function createJobLibClient(options: JobLibClientOptions): JobLibClient {
  const api = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: retryingFetch(options.fetch ?? ((request: Request) => globalThis.fetch(request)), options.retry),
  });
  const token = options.token;
  api.use({
    async onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${await resolveToken(token)}`);
      return request;
    },
  });

  const client: JobLibClient = {
    api,

    async listJobs(roomId, page = {}) {
      return unwrap(await api.GET("/v1/joblib/rooms/{room_id}/jobs", {
        params: { path: { room_id: roomId }, query: page },
      }));
    },

    async getJob(roomId, jobName) {
      return unwrap(await api.GET("/v1/joblib/rooms/{room_id}/jobs/{job_name}", {
        params: { path: { room_id: roomId, job_name: jobName } },
      }));
    },

    async listTasks(roomId, listOptions = {}) {
      return unwrap(await api.GET("/v1/joblib/rooms/{room_id}/tasks", {
        params: { path: { room_id: roomId }, query: listOptions },
      }));
    },

    async submitTask(roomId, jobName, payload = {}, submitOptions = {}) {
      const { priority, idempotencyKey } = submitOptions;
      return unwrap(await api.POST("/v1/joblib/rooms/{room_id}/tasks/{job_name}", {
        params: {
          path: { room_id: roomId, job_name: jobName },
          ...(idempotencyKey === undefined ? {} : { header: { "Idempotency-Key": idempotencyKey } }),
        },
        body: { payload, ...(priority === undefined ? {} : { priority }) },
      }));
    },

    async submitTasks(roomId, jobName, tasks, submitOptions = {}) {
      const { idempotencyKey } = submitOptions;
      return unwrap(await api.POST("/v1/joblib/rooms/{room_id}/task-batches/{job_name}", {
        params: {
          path: { room_id: roomId, job_name: jobName },
          ...(idempotencyKey === undefined ? {} : { header: { "Idempotency-Key": idempotencyKey } }),
        },
        body: { tasks: tasks.map(({ payload = {}, priority }) => ({ payload, ...(priority === undefined ? {} : { priority }) })) },
      }));
    },

    async getTask(taskId, getOptions = {}) {
      const { waitSeconds, signal } = getOptions;
      return unwrap(await api.GET("/v1/joblib/tasks/{task_id}", {
        params: {
          path: { task_id: taskId },
          ...(waitSeconds === undefined ? {} : { header: { Prefer: `wait=${Math.max(0, Math.ceil(waitSeconds))}` } }),
        },
        ...(signal ? { signal } : {}),
      }));
    },

    async cancelTask(taskId) {
      return unwrap(await api.PATCH("/v1/joblib/tasks/{task_id}", {
        params: { path: { task_id: taskId } },
        body: { status: "cancelled" },
      }));
    },

    watchTask(taskId, watchOptions) {
      return watchTask(client, taskId, watchOptions);
    },
  };
  return client;
}

/**
 * The data of an openapi-fetch answer (of `client.api`), or its problem thrown: turns
 * `{ data, error, response }` into the data.
 *
 * @throws JobLibProblemError when the answer was not 2xx
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (!result.response.ok) {
    throw new JobLibProblemError(problemFromResponse(result.response, result.error));
  }
  // A 2xx answer carries the documented body (`undefined` for a 204, whose type is `never`).
  return result.data as T;
}
