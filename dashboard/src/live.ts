/**
 * The page's one Socket.IO connection (@zndraw/joblib-client's `connectEvents`): a superuser
 * follows every room (`join_all_rooms`), anyone else the room on screen (`join_room`). Views
 * subscribe to events here; nothing on the page polls the server.
 */
import { type EventsConnection, type RoomId, type ServerToClientEvents, connectEvents } from "@zndraw/joblib-client";

import type { DashboardConfig } from "./config.js";

export type Following = { kind: "all" } | { kind: "room"; room: RoomId } | { kind: "none" };

type Listener<E extends keyof ServerToClientEvents> = ServerToClientEvents[E];

export class Live {
  private readonly connection: EventsConnection;
  private following: Following = { kind: "none" };
  private readonly statusListeners = new Set<(connected: boolean) => void>();

  constructor(config: DashboardConfig, token: string) {
    this.connection = connectEvents({
      url: config.apiBase,
      path: config.socketPath,
      token,
      socketOptions: { transports: ["websocket"] },
    });
    const tell = (connected: boolean) => () => {
      for (const listener of this.statusListeners) listener(connected);
    };
    this.connection.socket.on("connect", tell(true));
    this.connection.socket.on("disconnect", tell(false));
  }

  get connected(): boolean {
    return this.connection.socket.connected;
  }

  /** Follow every room (superusers) or one room; leaves what was followed before. Waits for the
   * connection first, so a slow connect is not mistaken for an unanswered join. */
  async follow(next: Following): Promise<void> {
    const previous = this.following;
    if (JSON.stringify(previous) === JSON.stringify(next)) return;
    this.following = next;
    await this.connection.connected();
    if (next.kind === "all") await this.connection.joinAllRooms();
    if (next.kind === "room") await this.connection.joinRoom(next.room);
    if (previous.kind === "all") await this.connection.leaveAllRooms();
    if (previous.kind === "room") await this.connection.leaveRoom(previous.room);
  }

  on<E extends keyof ServerToClientEvents>(event: E, listener: Listener<E>): () => void {
    return this.connection.on(event, listener);
  }

  /** Called after a reconnection (events may have been missed: read again over REST). */
  onRejoin(listener: () => void): () => void {
    return this.connection.onRejoin(listener);
  }

  onConnection(listener: (connected: boolean) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  close(): void {
    this.connection.close();
  }
}
