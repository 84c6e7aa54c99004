/**
 * Test support: clients of the live server (see setup/live-server.ts), fresh rooms, a worker
 * driven over REST the way the Python worker SDK drives it, and an event recorder.
 */
import { randomUUID } from "node:crypto";

import { inject } from "vitest";

import {
  type EventsConnection,
  type JobLibClient,
  type ServerEventName,
  type ServerToClientEvents,
  type TaskResponse,
  connectEvents,
  createJobLibClient,
  unwrap,
} from "../src/index.js";

/** A REST client of the live server, as the admin. */
export function liveClient(): JobLibClient {
  return createJobLibClient({ baseUrl: inject("baseUrl"), token: inject("token") });
}

const connections: EventsConnection[] = [];

/** An events connection to the live server, as the admin; closed by {@link closeConnections}. */
export function liveEvents(options: Partial<Parameters<typeof connectEvents>[0]> = {}): EventsConnection {
  const connection = connectEvents({ url: inject("baseUrl"), token: inject("token"), ...options });
  connections.push(connection);
  return connection;
}

/** Close every connection opened by {@link liveEvents} (an `afterEach` hook). */
export function closeConnections(): void {
  for (const connection of connections.splice(0)) {
    connection.close();
  }
}

/** A room id no other test uses. */
export function freshRoom(): string {
  return `ts-${randomUUID().slice(0, 13)}`;
}

/** A worker that serves one job, driven over REST: register, claim, report. */
export class RestWorker {
  private constructor(
    private readonly client: JobLibClient,
    readonly workerId: string,
    readonly jobName: string,
  ) {}

  /** Register `modifiers:<name>` in the room (a new worker is created for it). */
  static async register(
    client: JobLibClient,
    roomId: string,
    name: string,
    schema: Record<string, unknown> = {},
  ): Promise<RestWorker> {
    const job = unwrap(await client.api.PUT("/v1/joblib/rooms/{room_id}/jobs", {
      params: { path: { room_id: roomId } },
      body: { category: "modifiers", name, schema },
    }));
    if (job.worker_id === null) {
      throw new Error("registration returned no worker");
    }
    return new RestWorker(client, job.worker_id, job.full_name);
  }

  /** Claim the oldest pending task of the worker's jobs; fails when there is none. */
  async claim(): Promise<TaskResponse> {
    const { task } = unwrap(await this.client.api.POST("/v1/joblib/tasks/claim", { body: { worker_id: this.workerId } }));
    if (task === null) {
      throw new Error("nothing to claim");
    }
    return task;
  }

  async report(taskId: string, status: "running" | "completed" | "failed", error?: string): Promise<TaskResponse> {
    return unwrap(await this.client.api.PATCH("/v1/joblib/tasks/{task_id}", {
      params: { path: { task_id: taskId } },
      body: error === undefined ? { status } : { status, error },
    }));
  }

  /** Claim the next task, report it running, then completed (or failed with `error`). */
  async runNext(error?: string): Promise<TaskResponse> {
    const task = await this.claim();
    await this.report(task.id, "running");
    return await this.report(task.id, error === undefined ? "completed" : "failed", error);
  }
}

/** Records one server event on a connection; `next` waits for a matching one. */
export class EventRecorder<E extends ServerEventName> {
  readonly received: Parameters<ServerToClientEvents[E]>[0][] = [];
  private readonly waiters = new Set<() => void>();
  readonly stop: () => void;

  constructor(connection: EventsConnection, event: E) {
    const listener = (payload: Parameters<ServerToClientEvents[E]>[0]): void => {
      this.received.push(payload);
      for (const waiter of this.waiters) {
        waiter();
      }
    };
    this.stop = connection.on(event, listener as ServerToClientEvents[E]);
  }

  /** The first recorded payload matching `predicate`, waiting up to `timeoutMs` for it. */
  until(
    predicate: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean,
    timeoutMs = 5_000,
  ): Promise<Parameters<ServerToClientEvents[E]>[0]> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.received.find(predicate);
        if (found !== undefined) {
          this.waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.received)}`));
      }, timeoutMs);
      if (!check()) {
        this.waiters.add(check);
      }
    });
  }
}

/** Resolve after `ms` milliseconds. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
