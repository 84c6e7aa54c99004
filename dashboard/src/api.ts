/**
 * The dashboard's reads and actions, on the typed REST client (@zndraw/joblib-client). A
 * superuser sees the whole queue (`listRooms`, `getStats`, `listTasks`); anyone else sees one
 * room at a time (`getRoomStats`, `listRoomTasks`, `listJobTasks`), as the permissions allow.
 */
import {
  type FullName,
  type JobPage,
  type QueueStats,
  type RoomId,
  type RoomPage,
  type TaskPage,
  type TaskResponse,
  type TaskStatus,
  type UserRead,
  type WorkerPage,
  type JobLibClient,
  createJobLibClient,
  login,
  unwrap,
} from "@zndraw/joblib-client";

import type { DashboardConfig } from "./config.js";

/** Which tasks the task table shows. */
export interface TaskFilter {
  room: RoomId | null;
  job: FullName | null;
  status: TaskStatus | null;
}

export const PAGE_SIZE = 25;

export class DashboardApi {
  readonly client: JobLibClient;

  constructor(
    readonly config: DashboardConfig,
    readonly token: string,
  ) {
    // A failed request is the operator's to see: no silent repeats behind the page's back.
    this.client = createJobLibClient({ baseUrl: config.apiBase, token, retry: { timeoutMs: 0 } });
  }

  static async signIn(config: DashboardConfig, email: string, password: string): Promise<string> {
    return await login({ baseUrl: config.apiBase, email, password });
  }

  async me(): Promise<UserRead> {
    return unwrap(await this.client.api.GET("/v1/users/me"));
  }

  async rooms(): Promise<RoomPage> {
    return unwrap(await this.client.api.GET("/v1/joblib/rooms", { params: { query: { limit: 200 } } }));
  }

  /** Queue health of every room (room null: superusers) or of one room. */
  async stats(room: RoomId | null): Promise<QueueStats> {
    if (room === null) return unwrap(await this.client.api.GET("/v1/joblib/stats"));
    return unwrap(await this.client.api.GET("/v1/joblib/rooms/{room_id}/stats", { params: { path: { room_id: room } } }));
  }

  async jobs(room: RoomId): Promise<JobPage> {
    return await this.client.listJobs(room, { limit: 200 });
  }

  async workers(room: RoomId): Promise<WorkerPage> {
    return unwrap(
      await this.client.api.GET("/v1/joblib/rooms/{room_id}/workers", {
        params: { path: { room_id: room }, query: { limit: 200 } },
      }),
    );
  }

  /** A page of tasks, newest first. Without a room only a superuser may list (every room). */
  async tasks(filter: TaskFilter, offset: number): Promise<TaskPage> {
    const page = { limit: PAGE_SIZE, offset, ...(filter.status ? { status: filter.status } : {}) };
    const { room, job } = filter;
    if (room === null) {
      const query = { ...page, ...(job ? { job_name: job } : {}) };
      return unwrap(await this.client.api.GET("/v1/joblib/tasks", { params: { query } }));
    }
    if (job !== null) {
      return unwrap(
        await this.client.api.GET("/v1/joblib/rooms/{room_id}/jobs/{job_name}/tasks", {
          params: { path: { room_id: room, job_name: job }, query: page },
        }),
      );
    }
    return await this.client.listTasks(room, page);
  }

  async task(id: string): Promise<TaskResponse> {
    return await this.client.getTask(id);
  }

  async cancel(id: string): Promise<TaskResponse> {
    return await this.client.cancelTask(id);
  }

  async deleteWorker(id: string): Promise<void> {
    unwrap(await this.client.api.DELETE("/v1/joblib/workers/{worker_id}", { params: { path: { worker_id: id } } }));
  }
}
