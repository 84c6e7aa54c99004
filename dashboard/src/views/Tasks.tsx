/** The task table: filters (room, job, status), pages newest first, rows that appear and change
 * state as `task_status_event`s arrive (no polling), and cancel for tasks not yet ended. */
import { TERMINAL_STATUSES, type TaskStatus, type events } from "@zndraw/joblib-client";
import { useEffect, useRef, useState } from "preact/hooks";

import { type DashboardApi, PAGE_SIZE, type TaskFilter } from "../api.js";
import type { Live } from "../live.js";
import { type Shown, describe } from "../problem.js";
import { type Rows, applyEvent, batchMatches, fromPage } from "../rows.js";
import { age, duration, secondsBetween } from "../time.js";

const STATUSES: TaskStatus[] = ["pending", "claimed", "running", "completed", "failed", "cancelled"];

export function isOpen(status: TaskStatus): boolean {
  return !(TERMINAL_STATUSES as readonly string[]).includes(status);
}

export function Tasks(props: {
  api: DashboardApi;
  live: Live;
  filter: TaskFilter;
  jobNames: string[];
  onFilter: (filter: TaskFilter) => void;
  selected: string | null;
  onSelect: (id: string) => void;
  onCancel: (id: string) => void;
  onProblem: (problem: Shown) => void;
  now: number;
}) {
  const { api, live, filter, now } = props;
  const [offset, setOffset] = useState(0);
  const [rows, setRows] = useState<Rows | null>(null);
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const filterKey = JSON.stringify(filter);

  useEffect(() => setOffset(0), [filterKey]);

  useEffect(() => {
    let current = true;
    let shown: Rows | null = null;
    let buffered: events.TaskStatusEvent[] | null = []; // events that arrive while a page loads
    let refill: ReturnType<typeof setTimeout> | null = null;
    const show = (next: Rows): void => {
      shown = next;
      setRows(next);
    };
    const load = (): void => {
      buffered ??= [];
      api.tasks(filter, offset).then(
        (page) => {
          if (!current) return;
          let next = fromPage(page);
          for (const event of buffered ?? []) next = applyEvent(next, filterRef.current, event);
          buffered = null;
          show(next);
        },
        (error: unknown) => current && props.onProblem(describe(error)),
      );
    };
    const readAgain = (): void => {
      if (refill !== null) return; // a burst coalesced into one read
      refill = setTimeout(() => {
        refill = null;
        load();
      }, 100);
    };
    const stop = live.on("task_status_event", (event) => {
      if (buffered !== null || shown === null) {
        buffered?.push(event);
        return;
      }
      const next = applyEvent(shown, filterRef.current, event);
      if (next === shown) return;
      show(next);
      // A row left the filter: the page has a gap that a task of the next page fills.
      if (next.items.length < Math.min(next.limit, next.total - next.offset)) readAgain();
    });
    // A batch (`submitTasks`) names its new tasks only by id: read the page again if they belong here.
    const stopBatch = live.on("tasks_submitted", (batch) => {
      if (batchMatches(filterRef.current, batch)) readAgain();
    });
    load();
    const stopRejoin = live.onRejoin(load);
    return () => {
      current = false;
      stop();
      stopBatch();
      stopRejoin();
      if (refill !== null) clearTimeout(refill);
    };
  }, [api, live, filterKey, offset]);

  const set = (change: Partial<TaskFilter>): void => props.onFilter({ ...filter, ...change });
  const total = rows?.total ?? 0;
  return (
    <section class="card tasks" data-testid="tasks">
      <h2>Tasks</h2>
      <div class="filters">
        <label>
          job
          <select
            data-testid="filter-job"
            value={filter.job ?? ""}
            onChange={(e) => set({ job: (e.currentTarget as HTMLSelectElement).value || null })}
          >
            <option value="">any job</option>
            {[...new Set([...props.jobNames, ...(filter.job ? [filter.job] : [])])].map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          status
          <select
            data-testid="filter-status"
            value={filter.status ?? ""}
            onChange={(e) => set({ status: ((e.currentTarget as HTMLSelectElement).value || null) as TaskStatus | null })}
          >
            <option value="">any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <span class="hint">room: {filter.room === null ? "all rooms" : <span class="mono">{filter.room}</span>}</span>
      </div>
      <table>
        <thead>
          <tr>
            <th>submitted</th>
            <th>job</th>
            <th>room</th>
            <th>status</th>
            <th class="n">queue</th>
            <th class="n">attempt</th>
            <th>ran</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(rows?.items ?? []).map((task) => (
            <tr
              key={task.id}
              data-testid={`task-${task.id}`}
              data-status={task.status}
              class={props.selected === task.id ? "selected" : ""}
              onClick={() => props.onSelect(task.id)}
            >
              <td title={task.created_at}>{age(task.created_at, now)}</td>
              <td class="mono">{task.job_name}</td>
              <td class="mono">{task.room_id}</td>
              <td>
                <span class={`status ${task.status}`}>{task.status}</span>
              </td>
              <td class="n">{task.queue_position ?? ""}</td>
              <td class="n">
                {task.attempt}/{task.max_attempts}
              </td>
              <td>{task.started_at ? duration(secondsBetween(task.started_at, task.completed_at ?? now)) : ""}</td>
              <td>
                {isOpen(task.status) && (
                  <button
                    type="button"
                    class="danger"
                    data-testid={`cancel-${task.id}`}
                    onClick={(e) => {
                      e.stopPropagation();
                      props.onCancel(task.id);
                    }}
                  >
                    Cancel
                  </button>
                )}
              </td>
            </tr>
          ))}
          {rows !== null && rows.items.length === 0 && (
            <tr>
              <td colSpan={8} class="empty">
                No tasks.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div class="pager">
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
          ‹ newer
        </button>
        <span data-testid="page-range">
          {rows === null || rows.items.length === 0 ? "0" : `${offset + 1}–${offset + rows.items.length}`} of {total}
        </span>
        <button type="button" disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
          older ›
        </button>
      </div>
    </section>
  );
}
