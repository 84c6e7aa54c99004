/**
 * A page on another origin than the API, using @zndraw/joblib-client the way a frontend does.
 * The browser tests drive it through `window.joblib` (Playwright's `page.evaluate`); every step
 * is also written to the page's list, so a screenshot shows how far it got.
 *
 * The API's URL comes from the query string: `index.html?api=http://127.0.0.1:8000`.
 */
import {
  type EventsConnection,
  type JobLibClient,
  type TaskSubmitRequest,
  connectEvents,
  createJobLibClient,
  login,
} from "@zndraw/joblib-client";

const api = new URLSearchParams(location.search).get("api") ?? location.origin;
let client: JobLibClient | undefined;
let events: EventsConnection | undefined;
let token = "";
/** Statuses pushed by `task_status_event`, by task id, in arrival order. */
const pushed = new Map<string, string[]>();

function log(line: string): void {
  const item = document.createElement("li");
  item.textContent = line;
  document.querySelector("#log")?.append(item);
}

function required<T>(value: T | undefined, step: string): T {
  if (value === undefined) {
    throw new Error(`call ${step} first`);
  }
  return value;
}

async function signIn(email: string, password: string): Promise<void> {
  token = await login({ baseUrl: api, email, password });
  client = createJobLibClient({ baseUrl: api, token });
  log(`logged in as ${email}`);
}

async function listJobs(roomId: string): Promise<string[]> {
  const page = await required(client, "signIn").listJobs(roomId);
  log(`${page.total} jobs visible from ${roomId}`);
  return page.items.map((job) => job.full_name);
}

/** Connect the events, join the room; resolves with the transport in use. */
async function connect(roomId: string, timeoutMs: number): Promise<string> {
  events = connectEvents({ url: api, token });
  events.on("task_status_event", (event) => {
    pushed.set(event.id, [...(pushed.get(event.id) ?? []), event.status]);
    log(`task ${event.id}: ${event.status}`);
  });
  try {
    await events.connected({ signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    events.close();
    throw error;
  }
  await events.joinRoom(roomId);
  log(`events connected, in room ${roomId}`);
  return events.socket.io.engine.transport.name;
}

async function submitAndWatch(
  roomId: string,
  jobName: string,
  payload: TaskSubmitRequest["payload"],
): Promise<{ id: string; status: string }> {
  const rest = required(client, "signIn");
  const task = await rest.submitTask(roomId, jobName, payload);
  log(`submitted ${task.id} (${task.status})`);
  const done = await rest.watchTask(task.id, { events: required(events, "connect"), timeoutMs: 60_000 });
  log(`watched ${task.id} to ${done.status}`);
  return { id: task.id, status: done.status };
}

function statusesPushed(taskId: string): string[] {
  return pushed.get(taskId) ?? [];
}

declare global {
  interface Window {
    joblib: {
      signIn: typeof signIn;
      listJobs: typeof listJobs;
      connect: typeof connect;
      submitAndWatch: typeof submitAndWatch;
      statusesPushed: typeof statusesPushed;
    };
  }
}

window.joblib = { signIn, listJobs, connect, submitAndWatch, statusesPushed };
const shown = document.querySelector("#api");
if (shown) {
  shown.textContent = api;
}
document.body.dataset["ready"] = "true";
