/** One task: payload, timings (queued, ran), worker, error, progress, result and attempts. Read
 * over REST when chosen and again when an event says it changed. */
import type { TaskResponse } from "@zndraw/joblib-client";
import { useEffect, useState } from "preact/hooks";

import type { DashboardApi } from "../api.js";
import type { Live } from "../live.js";
import { type Shown, describe } from "../problem.js";
import { clock, duration, secondsBetween } from "../time.js";
import { isOpen } from "./Tasks.js";

export function TaskDetail(props: {
  api: DashboardApi;
  live: Live;
  id: string;
  now: number;
  onCancel: (id: string) => void;
  onClose: () => void;
}) {
  const { api, live, id, now } = props;
  const [task, setTask] = useState<TaskResponse | null>(null);
  const [problem, setProblem] = useState<Shown | null>(null);

  useEffect(() => {
    let current = true;
    const load = (): void => {
      api.task(id).then(
        (got) => current && (setTask(got), setProblem(null)),
        (error: unknown) => current && setProblem(describe(error)),
      );
    };
    load();
    const stops = [
      live.on("task_status_event", (event) => event.id === id && load()),
      live.on("task_progress", (event) => {
        if (event.id === id) setTask((before) => (before ? { ...before, progress: event.progress } : before));
      }),
      live.onRejoin(load),
    ];
    return () => {
      current = false;
      for (const stop of stops) stop();
    };
  }, [api, live, id]);

  const ran = task?.started_at ? secondsBetween(task.started_at, task.completed_at ?? now) : null;
  const queued = task ? secondsBetween(task.created_at, task.claimed_at ?? task.started_at ?? task.completed_at ?? now) : null;
  return (
    <aside class="card detail" data-testid="task-detail">
      <header>
        <h2>Task</h2>
        <button type="button" class="link" aria-label="close" onClick={props.onClose}>
          ×
        </button>
      </header>
      {problem && <p class="problem-inline">{problem.title}</p>}
      {task && (
        <>
          <dl>
            <dt>id</dt>
            <dd class="mono">{task.id}</dd>
            <dt>job</dt>
            <dd class="mono">{task.job_name}</dd>
            <dt>room</dt>
            <dd class="mono">{task.room_id}</dd>
            <dt>status</dt>
            <dd>
              <span class={`status ${task.status}`} data-testid="detail-status">
                {task.status}
              </span>
              {task.queue_position !== null && ` · #${task.queue_position} in the queue`}
            </dd>
            <dt>submitted</dt>
            <dd>{clock(task.created_at)}</dd>
            <dt>queued</dt>
            <dd>{duration(queued)}</dd>
            <dt>started</dt>
            <dd>{clock(task.started_at)}</dd>
            <dt>ended</dt>
            <dd>{clock(task.completed_at)}</dd>
            <dt>ran</dt>
            <dd>{duration(ran)}</dd>
            <dt>worker</dt>
            <dd class="mono">{task.worker_id ?? "–"}</dd>
            <dt>attempt</dt>
            <dd>
              {task.attempt} of {task.max_attempts}
              {task.available_at && ` · next not before ${clock(task.available_at)}`}
            </dd>
            <dt>priority</dt>
            <dd>{task.priority}</dd>
          </dl>
          {task.progress && (
            <div class="progress" data-testid="detail-progress">
              <progress max={1} value={task.progress.fraction ?? undefined} />
              <span>
                {task.progress.current !== null && `${task.progress.current}/${task.progress.total ?? "?"} `}
                {task.progress.message ?? ""}
              </span>
            </div>
          )}
          {task.error && (
            <>
              <h3>Error</h3>
              <pre class="error" data-testid="detail-error">
                {task.error}
              </pre>
            </>
          )}
          <h3>Payload</h3>
          <pre data-testid="detail-payload">{JSON.stringify(task.payload, null, 2)}</pre>
          {task.result !== null && task.result !== undefined && (
            <>
              <h3>Result</h3>
              <pre data-testid="detail-result">{JSON.stringify(task.result, null, 2)}</pre>
            </>
          )}
          {isOpen(task.status) && (
            <button type="button" class="danger" onClick={() => props.onCancel(task.id)}>
              Cancel task
            </button>
          )}
        </>
      )}
    </aside>
  );
}
