/** Small hooks the views share: loading, a clock for ages, and refreshes driven by events. */
import type { ServerToClientEvents } from "@zndraw/joblib-client";
import { useEffect, useState } from "preact/hooks";

import type { Live } from "./live.js";

export interface Loaded<T> {
  data: T | null;
  error: unknown;
}

/** The result of `load()`, read again whenever `deps` change. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null });
  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setState({ data, error: null }),
      (error: unknown) => current && setState((before) => ({ data: before.data, error })),
    );
    return () => {
      current = false;
    };
  }, deps);
  return state;
}

/** The time now (epoch ms), read at each render; the page renders again every `everyMs`, so
 * ages on screen grow without asking the server (and are exact whenever anything else renders). */
export function useNow(everyMs = 1000): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((tick) => tick + 1), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return Date.now();
}

/**
 * A counter that grows after any of `events` (and after a reconnection), at most once per
 * `minGapMs`: views that show aggregates (counts, workers) read again when the queue moved,
 * coalescing a burst of events into one read instead of one per event.
 */
export function useInvalidation(live: Live, events: (keyof ServerToClientEvents)[], minGapMs = 1000): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const bump = (): void => {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        last = Date.now();
        setVersion((v) => v + 1);
      }, Math.max(0, last + minGapMs - Date.now()));
    };
    const stops = events.map((event) => live.on(event, bump));
    stops.push(live.onRejoin(bump));
    return () => {
      for (const stop of stops) stop();
      if (timer !== null) clearTimeout(timer);
    };
  }, [live, minGapMs]);
  return version;
}
