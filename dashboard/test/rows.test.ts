// The task table's rules (src/rows.ts): `npm test` bundles this file with esbuild and runs it
// with node's test runner.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import type { TaskFilter } from "../src/api.js";
import { type Rows, applyEvent, batchMatches } from "../src/rows.js";

type Event = Parameters<typeof applyEvent>[2];

const ANY: TaskFilter = { room: null, job: null, status: null };

function event(id: string, status: Event["status"], createdAt: string, room = "r1"): Event {
  return {
    id,
    name: `${room}:modifiers:Rotate`,
    room_id: room,
    status,
    created_at: createdAt,
    claimed_at: null,
    priority: 0,
    attempt: 1,
    max_attempts: 1,
    available_at: null,
    started_at: null,
    completed_at: null,
    queue_position: status === "pending" ? 1 : null,
    worker_id: null,
    error: null,
  };
}

function rows(events: Event[], offset = 0, limit = 3, total = events.length): Rows {
  const items = events.map(({ name, ...rest }) => ({ ...rest, job_name: name }));
  return { items, total, offset, limit };
}

describe("applyEvent", () => {
  it("puts a new task at the top of the first page, keeping the page's size", () => {
    const before = rows([event("b", "pending", "2026-01-01T00:00:02Z"), event("a", "pending", "2026-01-01T00:00:01Z")], 0, 2);
    const after = applyEvent(before, ANY, event("c", "pending", "2026-01-01T00:00:03Z"));
    assert.deepEqual(after.items.map((row) => row.id), ["c", "b"]);
    assert.equal(after.total, 3);
  });

  it("changes a shown row in place", () => {
    const before = rows([event("a", "pending", "2026-01-01T00:00:01Z")]);
    const after = applyEvent(before, ANY, { ...event("a", "running", "2026-01-01T00:00:01Z"), worker_id: "w" });
    assert.equal(after.items[0]?.status, "running");
    assert.equal(after.items[0]?.worker_id, "w");
    assert.equal(after.total, 1);
  });

  it("drops a row that leaves the filtered status", () => {
    const pendingOnly: TaskFilter = { ...ANY, status: "pending" };
    const before = rows([event("a", "pending", "2026-01-01T00:00:01Z")]);
    const after = applyEvent(before, pendingOnly, event("a", "claimed", "2026-01-01T00:00:01Z"));
    assert.deepEqual(after.items, []);
    assert.equal(after.total, 0);
  });

  it("ignores tasks of other rooms and counts, without showing, new tasks on a later page", () => {
    const before = rows([event("a", "pending", "2026-01-01T00:00:01Z")]);
    assert.equal(applyEvent(before, { ...ANY, room: "r1" }, event("x", "pending", "2026-01-01T00:00:05Z", "r2")), before);
    const later = { ...before, offset: 25 };
    const after = applyEvent(later, ANY, event("n", "pending", "2026-01-01T00:00:09Z"));
    assert.equal(after.items.length, 1);
    assert.equal(after.total, 2);
  });

  it("leaves an older task changing state off the page and uncounted (it is already counted)", () => {
    const before = rows([event("b", "pending", "2026-01-01T00:00:02Z")], 0, 1, 2);
    assert.equal(applyEvent(before, ANY, event("a", "completed", "2026-01-01T00:00:01Z")), before);
  });
});

describe("batchMatches", () => {
  const batch = { name: "r1:modifiers:Rotate", room_id: "r1", task_ids: ["a", "b"] };

  it("takes a batch of the shown room and job, unless another status than pending is shown", () => {
    assert.equal(batchMatches(ANY, batch), true);
    assert.equal(batchMatches({ room: "r1", job: "r1:modifiers:Rotate", status: "pending" }, batch), true);
    assert.equal(batchMatches({ ...ANY, room: "r2" }, batch), false);
    assert.equal(batchMatches({ ...ANY, job: "r1:modifiers:Scale" }, batch), false);
    assert.equal(batchMatches({ ...ANY, status: "completed" }, batch), false);
  });
});
