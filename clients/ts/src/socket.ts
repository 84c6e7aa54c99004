/**
 * The typed Socket.IO connection: socket.io-client with the event map generated from
 * asyncapi.yaml, and room membership for frontends.
 *
 * Room memberships are counted: `joinRoom(r)` twice needs `leaveRoom(r)` twice before the socket
 * leaves `room:r`, so independent parts of a page (and `watchTask`) can share one connection.
 * After a reconnection the socket is a new one for the server; every counted room is joined
 * again, then the `onRejoin` listeners run (re-read over REST what may have been missed).
 *
 * Known limit: events emitted while the socket was disconnected are lost (Socket.IO does not
 * replay them); `onRejoin` is the place to catch up.
 */
import { type ManagerOptions, type Socket, type SocketOptions, io } from "socket.io-client";

import { type TokenSource, resolveToken } from "./auth.js";
import type { ClientToServerEvents, ServerToClientEvents } from "./generated/event-map.js";
import type { Ack, RoomId } from "./generated/events.js";
import { JobLibAckError, JobLibConnectError, JobLibTimeoutError } from "./problems.js";

/** socket.io-client's socket, typed with the events of asyncapi.yaml. */
export type JobLibSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The name of a server → client event, e.g. `"task_status_event"`. */
export type ServerEventName = keyof ServerToClientEvents;

/** An acknowledgement that accepted the request. */
export type AckOk = Ack & { ok: true };

/** Milliseconds to wait for an acknowledgement, unless `ackTimeoutMs` says otherwise. */
export const ACK_TIMEOUT_MS_DEFAULT = 10_000;

/** The Socket.IO endpoint's path on the server. */
export const SOCKETIO_PATH_DEFAULT = "/socket.io";

export interface ConnectEventsOptions {
  /** The server's URL, e.g. `http://127.0.0.1:8000` (only its origin is used; see `path`). */
  url: string;
  /** The bearer token of the REST API, or a function returning the current one (called per connection). */
  token: TokenSource;
  /** The Socket.IO endpoint's path (default `/socket.io`). */
  path?: string;
  /** Milliseconds to wait for each acknowledgement (default 10 000). */
  ackTimeoutMs?: number;
  /** Further socket.io-client options (e.g. `transports: ["websocket"]`, `reconnection`). */
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
}

export interface ConnectedOptions {
  /** Stop waiting: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** A connection to the server's Socket.IO endpoint. */
export interface EventsConnection {
  /** The underlying typed socket (`socket.on("task_status_event", …)` and so on). */
  readonly socket: JobLibSocket;
  /**
   * Resolves once connected (at once if already). Rejects with {@link JobLibConnectError} when the
   * server refuses the connection (e.g. `"unauthorized"`); transport failures are retried by
   * socket.io-client and do not reject, so pass a `signal` to bound the wait.
   */
  connected(options?: ConnectedOptions): Promise<void>;
  /**
   * Enter `room:{roomId}` (its frontend channel: task_status_event, jobs_invalidate, …).
   *
   * @throws JobLibAckError when the server refuses (e.g. `invalid-room-id`)
   * @throws JobLibTimeoutError when no acknowledgement arrives in time
   */
  joinRoom(roomId: RoomId): Promise<AckOk>;
  /** Release one membership of `room:{roomId}`; the socket leaves the room with the last one. */
  leaveRoom(roomId: RoomId): Promise<AckOk>;
  /**
   * Enter `room:*`: every room's frontend events, each once (superusers only; the operator's
   * dashboard). Counted like `joinRoom` and joined again after a reconnection.
   *
   * @throws JobLibAckError `forbidden` for a user who is not a superuser
   */
  joinAllRooms(): Promise<AckOk>;
  /** Release one membership of `room:*`; the socket leaves it with the last one. */
  leaveAllRooms(): Promise<AckOk>;
  /** The rooms this connection is in (counted memberships above zero; `room:*` not included). */
  rooms(): RoomId[];
  /** Listen to a server event; returns the function that stops listening. */
  on<E extends ServerEventName>(event: E, listener: ServerToClientEvents[E]): () => void;
  /** Run `listener` after a reconnection, once every room was joined again; returns the function that stops it. */
  onRejoin(listener: () => void): () => void;
  /** Disconnect for good (no reconnection); memberships are dropped. */
  close(): void;
}

/** Connect to the server's Socket.IO endpoint with a bearer token. */
export function connectEvents(options: ConnectEventsOptions): EventsConnection {
  const ackTimeoutMs = options.ackTimeoutMs ?? ACK_TIMEOUT_MS_DEFAULT;
  const { origin } = new URL(options.url, typeof location === "undefined" ? undefined : location.href);
  const token = options.token;
  const socket: JobLibSocket = io(origin, {
    path: options.path ?? SOCKETIO_PATH_DEFAULT,
    ...options.socketOptions,
    auth: (send) => {
      // A token function that fails connects without a token: the server refuses it ("unauthorized").
      resolveToken(token).then(
        (value) => send({ token: value }),
        () => send({}),
      );
    },
  });

  const memberships = new Map<RoomId, number>();
  let allRooms = 0; // counted memberships of `room:*`
  const rejoinListeners = new Set<() => void>();
  let refusal: JobLibConnectError | undefined;
  let everConnected = false;

  socket.on("connect_error", (error) => {
    // After a refusal by the server socket.io-client does not retry; a transport error it retries.
    refusal = socket.active ? undefined : new JobLibConnectError(error.message, { cause: error });
  });
  socket.on("connect", () => {
    refusal = undefined;
    if (!everConnected) {
      everConnected = true;
      return;
    }
    const rejoins = [...memberships.keys()].map((roomId) => request("join_room", { room_id: roomId }));
    if (allRooms > 0) {
      rejoins.push(request("join_all_rooms", {}));
    }
    void Promise.allSettled(rejoins).then(() => {
      for (const listener of rejoinListeners) {
        listener();
      }
    });
  });

  type Request =
    | ["join_room" | "leave_room", { room_id: RoomId }]
    | ["join_all_rooms" | "leave_all_rooms", Record<string, never>];

  async function request(...[event, payload]: Request): Promise<AckOk> {
    let ack: Ack;
    try {
      // The union of the four (event, payload) pairs is checked above; emitWithAck cannot take it.
      const timed = socket.timeout(ackTimeoutMs) as unknown as {
        emitWithAck(event: string, payload: object): Promise<Ack>;
      };
      ack = await timed.emitWithAck(event, payload);
    } catch (error) {
      const what = "room_id" in payload ? `${event} ${payload.room_id}` : event;
      throw new JobLibTimeoutError(what, ackTimeoutMs, { cause: error });
    }
    if (!isAckOk(ack)) {
      throw new JobLibAckError(event, ack.error ?? { type: "about:blank", detail: "refused without a reason" });
    }
    return ack;
  }

  return {
    socket,

    connected(connectedOptions = {}) {
      const { signal } = connectedOptions;
      if (socket.connected) {
        return Promise.resolve();
      }
      if (refusal !== undefined) {
        return Promise.reject(refusal);
      }
      return new Promise<void>((resolve, reject) => {
        const stop = (): void => {
          socket.off("connect", onConnect);
          socket.off("connect_error", onError);
          signal?.removeEventListener("abort", onAbort);
        };
        const onConnect = (): void => {
          stop();
          resolve();
        };
        const onError = (error: Error): void => {
          if (!socket.active) {
            stop();
            reject(new JobLibConnectError(error.message, { cause: error }));
          }
        };
        const onAbort = (): void => {
          stop();
          reject(signal?.reason);
        };
        if (signal?.aborted) {
          onAbort();
          return;
        }
        socket.on("connect", onConnect);
        socket.on("connect_error", onError);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    },

    async joinRoom(roomId) {
      // Counted before the request, so a leaveRoom racing it cannot take the room from under it.
      memberships.set(roomId, (memberships.get(roomId) ?? 0) + 1);
      try {
        return await request("join_room", { room_id: roomId });
      } catch (error) {
        release(memberships, roomId);
        throw error;
      }
    },

    async leaveRoom(roomId) {
      const remaining = release(memberships, roomId);
      if (remaining > 0 || !socket.active) {
        // Still wanted elsewhere; or closed for good, where the server already forgot the room.
        // (While merely disconnected the request waits in socket.io-client's buffer, after any
        // join still waiting there, and the next reconnection no longer joins the room.)
        return { ok: true };
      }
      return await request("leave_room", { room_id: roomId });
    },

    async joinAllRooms() {
      allRooms += 1;
      try {
        return await request("join_all_rooms", {});
      } catch (error) {
        allRooms = Math.max(allRooms - 1, 0);
        throw error;
      }
    },

    async leaveAllRooms() {
      allRooms = Math.max(allRooms - 1, 0);
      if (allRooms > 0 || !socket.active) {
        return { ok: true };
      }
      return await request("leave_all_rooms", {});
    },

    rooms() {
      return [...memberships.keys()];
    },

    on(event, listener) {
      // socket.io-client's `on` cannot relate a generic event name to its listener type; the
      // public signature above does, so the listener is passed through as the socket expects it.
      const untyped = socket as unknown as {
        on(event: string, listener: (...args: never[]) => void): unknown;
        off(event: string, listener: (...args: never[]) => void): unknown;
      };
      untyped.on(event, listener);
      return () => {
        untyped.off(event, listener);
      };
    },

    onRejoin(listener) {
      rejoinListeners.add(listener);
      return () => {
        rejoinListeners.delete(listener);
      };
    },

    close() {
      memberships.clear();
      allRooms = 0;
      rejoinListeners.clear();
      socket.disconnect();
    },
  };
}

function isAckOk(ack: Ack): ack is AckOk {
  return ack.ok;
}

/** Drop one membership of a room; returns how many remain. */
function release(memberships: Map<RoomId, number>, roomId: RoomId): number {
  const remaining = (memberships.get(roomId) ?? 0) - 1;
  if (remaining > 0) {
    memberships.set(roomId, remaining);
  } else {
    memberships.delete(roomId);
  }
  return Math.max(remaining, 0);
}
