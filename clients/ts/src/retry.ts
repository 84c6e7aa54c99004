/**
 * Sending a failed request again, only when that cannot do anything twice.
 *
 * - A network failure (`fetch` rejecting) is retried for idempotent methods (GET, HEAD, PUT,
 *   DELETE, OPTIONS): a browser cannot tell whether such a request reached the server.
 * - A 503 `service-unavailable` is retried when the problem says `safe_to_retry` (nothing took
 *   effect), whatever the method, or when the method is idempotent; after at least its
 *   `Retry-After`.
 *
 * Delays grow from 100 ms to 5 s; retries stop after `timeoutMs` (0: never retry) or when the
 * request's `AbortSignal` fires.
 */
import type { FetchFunction } from "./auth.js";

export interface RetryOptions {
  /** Milliseconds a request keeps being sent again (default 10 000; 0 never repeats a request). */
  timeoutMs?: number;
}

export const RETRY_TIMEOUT_MS_DEFAULT = 10_000;
const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 5_000;

/** Seconds of a `Retry-After` header given in seconds (dates are not used by this API). */
function retryAfterMs(response: Response): number {
  const seconds = Number(response.headers.get("Retry-After"));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

async function safeToRetry(response: Response): Promise<boolean> {
  try {
    const problem: unknown = await response.clone().json();
    return typeof problem === "object" && problem !== null && (problem as { safe_to_retry?: unknown }).safe_to_retry === true;
  } catch {
    return false;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", stop);
      resolve();
    }, ms);
    const stop = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", stop, { once: true });
  });
}

/** A fetch that sends a request again after a failure that is safe to repeat. */
export function retryingFetch(fetchImpl: FetchFunction, options: RetryOptions = {}): FetchFunction {
  const timeoutMs = options.timeoutMs ?? RETRY_TIMEOUT_MS_DEFAULT;
  return async (request: Request): Promise<Response> => {
    const deadline = Date.now() + timeoutMs;
    const idempotent = IDEMPOTENT.has(request.method.toUpperCase());
    let delay = FIRST_DELAY_MS;
    for (;;) {
      let response: Response;
      try {
        response = await fetchImpl(request.clone());
      } catch (error) {
        if (!idempotent || request.signal.aborted || Date.now() + delay > deadline) {
          throw error;
        }
        await sleep(delay, request.signal);
        delay = Math.min(delay * 2, MAX_DELAY_MS);
        continue;
      }
      if (response.status !== 503) {
        return response;
      }
      const wait = Math.max(delay, retryAfterMs(response));
      if (!(idempotent || (await safeToRetry(response))) || Date.now() + wait > deadline) {
        return response;
      }
      await response.body?.cancel();
      await sleep(wait, request.signal);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  };
}
