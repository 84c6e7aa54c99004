/**
 * Every error this package throws, as one small tree:
 *
 *     JobLibError                  base class; `instanceof JobLibError` catches all of them
 *     ├── JobLibProblemError       a REST answer that was not 2xx (an RFC 9457 problem)
 *     ├── JobLibAckError           a Socket.IO request refused in its acknowledgement
 *     ├── JobLibConnectError       the server refused the Socket.IO connection (e.g. no token)
 *     └── JobLibTimeoutError       an operation outlived the time it was given
 *
 * Network failures (`fetch` rejecting with a `TypeError`) and aborts (the `AbortSignal`'s reason)
 * are not wrapped: they keep the platform's own errors.
 */
import type { ProblemType, ValidationErrorItem } from "./generated/openapi.js";

/** The path every problem `type` of this API starts with. */
export const PROBLEM_TYPE_PREFIX = "/v1/problems/";

type SlugOf<T> = T extends `${typeof PROBLEM_TYPE_PREFIX}${infer Slug}` ? Slug : never;

/** A problem type without its prefix, e.g. `"job-not-found"`. */
export type ProblemSlug = SlugOf<ProblemType>;

/**
 * A problem `type` as received. `"about:blank"` (RFC 9457) marks an error body that was not a
 * problem (e.g. an HTML page of a proxy); a type newer than this client stays a plain string.
 */
export type ReceivedProblemType = ProblemType | "about:blank" | (string & Record<never, never>);

/** An RFC 9457 problem as received, extension members included. */
export interface ProblemDetails {
  readonly type: ReceivedProblemType;
  readonly title: string;
  /** The HTTP status code. */
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly [member: string]: unknown;
}

/** The base class of every error of this package. */
export class JobLibError extends Error {
  override name = "JobLibError";
}

/** A REST answer that was not 2xx, carrying its problem (`type` tells which one). */
export class JobLibProblemError extends JobLibError {
  override name = "JobLibProblemError";
  /** The problem type, e.g. `/v1/problems/job-not-found`. */
  readonly type: ReceivedProblemType;
  /** The HTTP status code. */
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly instance: string | undefined;
  /** What was invalid, for `validation-error` problems; empty for the others. */
  readonly errors: readonly ValidationErrorItem[];
  /** The whole problem body, extension members included. */
  readonly problem: ProblemDetails;

  constructor(problem: ProblemDetails) {
    super(problem.detail === undefined ? problem.title : `${problem.title}: ${problem.detail}`);
    this.problem = problem;
    this.type = problem.type;
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.instance = problem.instance;
    this.errors = validationErrors(problem["errors"]);
  }

  /** Whether this is the problem `slug`, e.g. `error.is("job-not-found")`. */
  is(slug: ProblemSlug): boolean {
    return this.type === `${PROBLEM_TYPE_PREFIX}${slug}`;
  }
}

/** A Socket.IO request (`join_room`, …) the server refused in its acknowledgement. */
export class JobLibAckError extends JobLibError {
  override name = "JobLibAckError";
  /** The client → server event that was refused, e.g. `join_room`. */
  readonly event: string;
  /** A problem type of the REST API, e.g. `/v1/problems/invalid-room-id`. */
  readonly type: ReceivedProblemType;
  readonly detail: string;

  constructor(event: string, error: { type: ReceivedProblemType; detail: string }) {
    super(`${event} refused: ${error.detail}`);
    this.event = event;
    this.type = error.type;
    this.detail = error.detail;
  }

  /** Whether the refusal is the problem `slug`, e.g. `error.is("invalid-room-id")`. */
  is(slug: ProblemSlug): boolean {
    return this.type === `${PROBLEM_TYPE_PREFIX}${slug}`;
  }
}

/** The server refused the Socket.IO connection; `reason` is its message, e.g. `"unauthorized"`. */
export class JobLibConnectError extends JobLibError {
  override name = "JobLibConnectError";
  readonly reason: string;

  constructor(reason: string, options?: ErrorOptions) {
    super(`connection refused: ${reason}`, options);
    this.reason = reason;
  }
}

/** An operation (watching a task, waiting for an acknowledgement) took longer than allowed. */
export class JobLibTimeoutError extends JobLibError {
  override name = "JobLibTimeoutError";
  /** What timed out, e.g. `watching task 01a2…`. */
  readonly operation: string;
  /** The time it was given, in milliseconds. */
  readonly timeoutMs: number;

  constructor(operation: string, timeoutMs: number, options?: ErrorOptions) {
    super(`${operation} timed out after ${timeoutMs} ms`, options);
    this.operation = operation;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The problem an error response carries: its body when that is a problem, else an
 * `about:blank` problem built from the status line (the body's text, if any, as `detail`).
 *
 * @param response the non-2xx response
 * @param body the parsed body: JSON when it parsed, else its text (as openapi-fetch gives it)
 */
export function problemFromResponse(response: Response, body: unknown): ProblemDetails {
  if (isProblem(body)) {
    return body;
  }
  const text = typeof body === "string" ? body.trim() : "";
  return {
    type: "about:blank",
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    ...(text ? { detail: text.slice(0, DETAIL_TEXT_LIMIT) } : {}),
  };
}

/** Characters of a non-problem error body kept as the synthesized problem's `detail`. */
const DETAIL_TEXT_LIMIT = 500;

function isProblem(body: unknown): body is ProblemDetails {
  if (typeof body !== "object" || body === null) {
    return false;
  }
  const { type, title, status } = body as Record<string, unknown>;
  return typeof type === "string" && typeof title === "string" && typeof status === "number";
}

function validationErrors(value: unknown): readonly ValidationErrorItem[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter(isValidationErrorItem);
}

function isValidationErrorItem(value: unknown): value is ValidationErrorItem {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const { loc, msg, type } = value as Record<string, unknown>;
  return Array.isArray(loc) && typeof msg === "string" && typeof type === "string";
}
