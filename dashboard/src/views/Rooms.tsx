/** The rooms: every room with jobs or tasks (superusers), or a room id typed in (everyone else). */
import type { RoomId, RoomSummary } from "@zndraw/joblib-client";

import { age } from "../time.js";

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

export function RoomList(props: {
  rooms: RoomSummary[] | null;
  selected: RoomId | null;
  onSelect: (room: RoomId | null) => void;
  now: number;
}) {
  const { rooms, selected, onSelect, now } = props;
  return (
    <section class="card rooms" data-testid="rooms">
      <h2>Rooms</h2>
      <ul>
        <li>
          <button type="button" class={selected === null ? "room active" : "room"} onClick={() => onSelect(null)}>
            all rooms
          </button>
        </li>
        {(rooms ?? []).map((room) => (
          <li key={room.room_id}>
            <button
              type="button"
              class={selected === room.room_id ? "room active" : "room"}
              data-testid={`room-${room.room_id}`}
              onClick={() => onSelect(room.room_id)}
            >
              <span class="mono">{room.room_id}</span>
              <small>
                {plural(room.jobs, "job")} · {plural(room.tasks, "task")} · {room.pending} pending ·{" "}
                {age(room.last_activity_at, now)}
              </small>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function RoomPicker(props: { selected: RoomId | null; onSelect: (room: RoomId | null) => void }) {
  function submit(event: Event): void {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget as HTMLFormElement).get("room") ?? "").trim();
    props.onSelect(value === "" ? null : value);
  }
  return (
    <section class="card rooms" data-testid="rooms">
      <h2>Room</h2>
      <form class="inline" data-testid="room-form" onSubmit={submit}>
        <input name="room" placeholder="room id" value={props.selected ?? ""} />
        <button type="submit">Open</button>
      </form>
      <p class="hint">Only superusers see every room; open one you may read.</p>
    </section>
  );
}
