/** Ages and durations as an operator reads them ("4 s", "3 min 05 s", "2 h 10 min"). */

/** Seconds between two instants (ISO strings or epoch milliseconds); null when either is missing. */
export function secondsBetween(from: string | number | null, to: string | number | null): number | null {
  if (from === null || to === null) return null;
  const a = typeof from === "number" ? from : Date.parse(from);
  const b = typeof to === "number" ? to : Date.parse(to);
  return Number.isNaN(a) || Number.isNaN(b) ? null : Math.max(0, (b - a) / 1000);
}

/** A duration in seconds, rounded to what matters at its size. */
export function duration(seconds: number | null): string {
  if (seconds === null) return "–";
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, "0")} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, "0")} min`;
  return `${Math.floor(hours / 24)} d`;
}

/** How long ago `at` was, at `now` (epoch milliseconds). */
export function age(at: string | null, now: number): string {
  const seconds = secondsBetween(at, now);
  return seconds === null ? "–" : `${duration(seconds)} ago`;
}

/** A timestamp in the reader's local time, to the second. */
export function clock(at: string | null): string {
  if (at === null) return "–";
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : date.toLocaleString(undefined, { hour12: false });
}
