/**
 * The task table's rows, kept current from `task_status_event`s: a known row takes the event's
 * fields; a new task (one the page has not seen) that matches the filter enters at the top of
 * the first page, newest first. Pure functions, so the rules are easy to read and to test.
 */
import type { TaskPage, TaskResponse, events } from "@zndraw/joblib-client";

import type { TaskFilter } from "./api.js";

export type TaskRow = Omit<TaskResponse, "payload" | "progress" | "result"> &
  Partial<Pick<TaskResponse, "payload" | "progress" | "result">>;

export interface Rows {
  items: TaskRow[];
  total: number;
  offset: number;
  limit: number;
}

export function fromPage(page: TaskPage): Rows {
  return { items: page.items, total: page.total, offset: page.offset, limit: page.limit };
}

export function matches(filter: TaskFilter, event: events.TaskStatusEvent): boolean {
  return (
    (filter.room === null || filter.room === event.room_id) &&
    (filter.job === null || filter.job === event.name) &&
    (filter.status === null || filter.status === event.status)
  );
}

function rowOf(event: events.TaskStatusEvent, before?: TaskRow): TaskRow {
  const { name, ...fields } = event;
  return { ...before, ...fields, job_name: name };
}

/** The rows after one event (the same object when nothing shown changed). */
export function applyEvent(rows: Rows, filter: TaskFilter, event: events.TaskStatusEvent): Rows {
  const index = rows.items.findIndex((row) => row.id === event.id);
  if (index >= 0) {
    const current = rows.items[index] as TaskRow;
    if (!matches(filter, event)) {
      // e.g. a "pending" filter and the task was claimed: it leaves the view
      return { ...rows, items: rows.items.filter((row) => row.id !== event.id), total: Math.max(0, rows.total - 1) };
    }
    const items = rows.items.slice();
    items[index] = rowOf(event, current);
    return { ...rows, items };
  }
  if (!matches(filter, event)) return rows;
  const newest = rows.items[0];
  const isNewer = newest === undefined || event.created_at >= newest.created_at;
  if (filter.status === null && !isNewer) {
    return rows; // an older task changing state on a later page: already counted there
  }
  if (rows.offset !== 0 || !isNewer) {
    // new, or newly in the filtered status, but not for the top of this page: counted only
    return { ...rows, total: rows.total + 1 };
  }
  const items = [rowOf(event), ...rows.items].slice(0, rows.limit);
  return { ...rows, items, total: rows.total + 1 };
}

/** Whether a batch of new (pending) tasks belongs in the filtered view. */
export function batchMatches(filter: TaskFilter, batch: events.TasksSubmitted): boolean {
  return (
    (filter.room === null || filter.room === batch.room_id) &&
    (filter.job === null || filter.job === batch.name) &&
    (filter.status === null || filter.status === "pending")
  );
}
