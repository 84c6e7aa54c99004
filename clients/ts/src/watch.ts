/**
 * Following a task until it is terminal (completed, failed or cancelled).
 *
 * Two ways, one result (the terminal `TaskResponse`, read over REST):
 * - long-poll: `GET /tasks/{id}` with `Prefer: wait=N`, again until terminal; the server answers
 *   within milliseconds of the terminal transition;
 * - events: with an {@link EventsConnection}, wait for a terminal `task_status_event` of the task.
 *   The watch listens first, then joins the task's room, then reads the task over REST, so a
 *   transition before the subscription is not missed; after a reconnection it reads again.
 *
 * A failed or cancelled task resolves (look at `status`, `error` and `result`); only a problem, a
 * timeout or an abort rejects. With events, `onProgress` hears the task's `task_progress` reports
 * as they come (at most ten a second); a long-poll hands back the latest progress with the task.
 */
import type { TaskProgress, TaskResponse, TaskStatus } from "./generated/openapi.js";
import { JobLibTimeoutError } from "./problems.js";
import type { GetTaskOptions } from "./rest.js";
import type { EventsConnection } from "./socket.js";

/** The states a task never leaves. */
export const TERMINAL_STATUSES = ["completed", "failed", "cancelled"] as const satisfies readonly TaskStatus[];

export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

/** A task in a terminal state. */
export type TerminalTask = TaskResponse & { status: TerminalStatus };

/** Seconds each long-poll request asks the server to wait, unless `pollWaitSeconds` says otherwise. */
export const POLL_WAIT_SECONDS_DEFAULT = 30;

/**
 * Milliseconds between two long-poll requests at least: a server that answers at once (its wait
 * cap is 0, or it ignores `Prefer`) is asked about once a second, not in a tight loop.
 */
const POLL_INTERVAL_MS_MIN = 1_000;

export interface WatchTaskOptions {
  /** Follow the task by events on this connection instead of long-polling. */
  events?: EventsConnection;
  /** Stop watching: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Give up after this many milliseconds with a {@link JobLibTimeoutError}. */
  timeoutMs?: number;
  /** Seconds each long-poll request asks the server to hold the answer (default 30). */
  pollWaitSeconds?: number;
  /** Called with each progress report of the task while it runs (events only). */
  onProgress?: (progress: TaskProgress) => void;
}

/** What a watch needs from the REST client. */
export interface TaskReader {
  getTask(taskId: string, options?: GetTaskOptions): Promise<TaskResponse>;
}

/** Whether a status is terminal. */
export function isTerminalStatus(status: TaskStatus): status is TerminalStatus {
  return (TERMINAL_STATUSES as readonly TaskStatus[]).includes(status);
}

/** Whether a task is terminal. */
export function isTerminalTask(task: TaskResponse): task is TerminalTask {
  return isTerminalStatus(task.status);
}

/**
 * Resolve with the task once it is terminal.
 *
 * @throws JobLibProblemError e.g. `task-not-found`
 * @throws JobLibTimeoutError after `timeoutMs`
 */
export async function watchTask(reader: TaskReader, taskId: string, options: WatchTaskOptions = {}): Promise<TerminalTask> {
  const scope = watchScope(`watching task ${taskId}`, options);
  try {
    return options.events
      ? await byEvents(reader, options.events, taskId, scope, options.onProgress)
      : await byLongPoll(reader, taskId, scope, options.pollWaitSeconds ?? POLL_WAIT_SECONDS_DEFAULT);

  } catch (error) {
    // An aborted fetch may reject with its own AbortError: report why the watch stopped.
    throw scope.signal.aborted ? scope.signal.reason : error;
  } finally {
    scope.dispose();
  }
}

interface WatchScope {
  /** Aborted by the caller's signal or by the timeout. */
  readonly signal: AbortSignal;
  /** Epoch milliseconds of the timeout, or `undefined` without one. */
  readonly deadline: number | undefined;
  dispose(): void;
}

function watchScope(operation: string, options: WatchTaskOptions): WatchScope {
  const controller = new AbortController();
  const outer = options.signal;
  const onAbort = (): void => controller.abort(outer?.reason);
  if (outer?.aborted) {
    onAbort();
  } else {
    outer?.addEventListener("abort", onAbort, { once: true });
  }
  const { timeoutMs } = options;
  const timer = timeoutMs === undefined
    ? undefined
    : setTimeout(() => controller.abort(new JobLibTimeoutError(operation, timeoutMs)), timeoutMs);
  return {
    signal: controller.signal,
    deadline: timeoutMs === undefined ? undefined : Date.now() + timeoutMs,
    dispose() {
      clearTimeout(timer);
      outer?.removeEventListener("abort", onAbort);
    },
  };
}

async function byLongPoll(reader: TaskReader, taskId: string, scope: WatchScope, pollWaitSeconds: number): Promise<TerminalTask> {
  for (;;) {
    const started = Date.now();
    const remainingSeconds = scope.deadline === undefined ? Infinity : Math.ceil((scope.deadline - started) / 1000);
    const task = await reader.getTask(taskId, {
      waitSeconds: Math.max(1, Math.min(pollWaitSeconds, remainingSeconds)),
      signal: scope.signal,
    });
    if (isTerminalTask(task)) {
      return task;
    }
    await sleep(POLL_INTERVAL_MS_MIN - (Date.now() - started), scope.signal);
  }
}

async function byEvents(
  reader: TaskReader,
  events: EventsConnection,
  taskId: string,
  scope: WatchScope,
  onProgress: ((progress: TaskProgress) => void) | undefined,
): Promise<TerminalTask> {
  const wake = new Wakeup();
  const stopListening = events.on("task_status_event", (event) => {
    if (event.id === taskId && isTerminalStatus(event.status)) {
      wake.notify();
    }
  });
  const stopProgress = events.on("task_progress", (event) => {
    if (event.id === taskId) {
      onProgress?.(event.progress);
    }
  });
  const stopRejoin = events.onRejoin(() => wake.notify());
  try {
    const first = await reader.getTask(taskId, { signal: scope.signal });
    if (isTerminalTask(first)) {
      return first;
    }
    await events.joinRoom(first.room_id);
    try {
      for (;;) {
        // Read after joining (and after each wake-up): covers a transition before the join.
        const task = await reader.getTask(taskId, { signal: scope.signal });
        if (isTerminalTask(task)) {
          return task;
        }
        await wake.next(scope.signal);
      }
    } finally {
      // The watch's membership only; failing to leave (e.g. the connection closed) loses nothing.
      events.leaveRoom(first.room_id).catch(() => undefined);
    }
  } finally {
    stopListening();
    stopProgress();
    stopRejoin();
  }
}

/** A latch: `next()` resolves on the first `notify()` since the previous `next()` resolved. */
class Wakeup {
  private notified = false;
  private waiter: (() => void) | undefined;

  notify(): void {
    this.notified = true;
    this.waiter?.();
  }

  next(signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.waiter = undefined;
        reject(signal.reason);
      };
      const done = (): void => {
        this.notified = false;
        this.waiter = undefined;
        signal.removeEventListener("abort", onAbort);
        resolve();
      };
      if (this.notified) {
        done();
        return;
      }
      if (signal.aborted) {
        onAbort();
        return;
      }
      this.waiter = done;
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) {
    return Promise.reject(signal.reason);
  }
  if (ms <= 0) {
    return Promise.resolve();
  }
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
