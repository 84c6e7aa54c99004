// @zndraw/joblib-client: types generated from openapi.yaml (REST) and asyncapi.yaml (events).
// The REST document's types are the package's top-level types; event payloads live under `events`.
export type * from "./generated/openapi.js";
export type * as events from "./generated/events.js";
export type { ClientToServerEvents, ServerToClientEvents } from "./generated/event-map.js";
export { SERVER_EVENTS } from "./generated/event-map.js";
