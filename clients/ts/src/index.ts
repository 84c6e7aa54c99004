// @zndraw/joblib-client: a typed REST client and a typed Socket.IO client for zndraw-joblib.
// Types are generated from openapi.yaml (REST: the package's top-level types) and asyncapi.yaml
// (event payloads: under `events`); the modules below are the hand-written part.
export type * from "./generated/openapi.js";
export type * as events from "./generated/events.js";
export type { ClientToServerEvents, ServerToClientEvents } from "./generated/event-map.js";
export { SERVER_EVENTS } from "./generated/event-map.js";

export { type FetchFunction, type LoginOptions, type TokenSource, login } from "./auth.js";
export {
  JobLibAckError,
  JobLibConnectError,
  JobLibError,
  JobLibProblemError,
  JobLibTimeoutError,
  PROBLEM_TYPE_PREFIX,
  type ProblemDetails,
  type ProblemSlug,
  type ReceivedProblemType,
  problemFromResponse,
} from "./problems.js";
export {
  type GetTaskOptions,
  type JobLibApi,
  type JobLibClient,
  type JobLibClientOptions,
  type PageOptions,
  type SubmitOptions,
  type TaskListOptions,
  createJobLibClient,
  unwrap,
} from "./rest.js";
export { RETRY_TIMEOUT_MS_DEFAULT, type RetryOptions, retryingFetch } from "./retry.js";
export {
  ACK_TIMEOUT_MS_DEFAULT,
  type AckOk,
  type ConnectEventsOptions,
  type ConnectedOptions,
  type EventsConnection,
  type JobLibSocket,
  SOCKETIO_PATH_DEFAULT,
  type ServerEventName,
  connectEvents,
} from "./socket.js";
export {
  POLL_WAIT_SECONDS_DEFAULT,
  TERMINAL_STATUSES,
  type TaskReader,
  type TerminalStatus,
  type TerminalTask,
  type WatchTaskOptions,
  isTerminalStatus,
  isTerminalTask,
  watchTask,
} from "./watch.js";
