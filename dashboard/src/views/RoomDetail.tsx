/** One room: the jobs visible from it (with their workers and task counts) and those workers'
 * heartbeats; a worker may be deleted by its owner or a superuser. */
import type { JobPage, JobStats, QueueStats, RoomId, WorkerPage } from "@zndraw/joblib-client";

import { age } from "../time.js";

function short(id: string): string {
  return id.slice(0, 8);
}

export function RoomDetail(props: {
  room: RoomId;
  jobs: JobPage | null;
  workers: WorkerPage | null;
  stats: QueueStats | null;
  now: number;
  onDeleteWorker: (id: string) => void;
  onPickJob: (job: string) => void;
}) {
  const { room, jobs, workers, stats, now } = props;
  const heartbeat = new Map((workers?.items ?? []).map((w) => [w.id, w.last_heartbeat]));
  const counts = new Map<string, JobStats>((stats?.jobs ?? []).map((job) => [job.full_name, job]));
  return (
    <section class="card room-detail" data-testid="room-detail">
      <h2>
        Jobs visible from <span class="mono">{room}</span>
      </h2>
      <table data-testid="jobs">
        <thead>
          <tr>
            <th>job</th>
            <th class="n">pending</th>
            <th class="n">running</th>
            <th class="n">failed</th>
            <th>workers (heartbeat)</th>
          </tr>
        </thead>
        <tbody>
          {(jobs?.items ?? []).map((job) => {
            const c = counts.get(job.full_name)?.counts;
            return (
              <tr key={job.full_name} data-testid={`job-${job.full_name}`}>
                <td>
                  <button type="button" class="link mono" title="show its tasks" onClick={() => props.onPickJob(job.full_name)}>
                    {job.full_name}
                  </button>
                </td>
                <td class="n">{c?.pending ?? "–"}</td>
                <td class="n">{c ? c.claimed + c.running : "–"}</td>
                <td class="n">{c?.failed ?? "–"}</td>
                <td>
                  {job.workers.length === 0
                    ? "none"
                    : job.workers.map((id) => (
                        <span key={id} class="chip mono" title={id}>
                          {short(id)} ({age(heartbeat.get(id) ?? null, now)})
                        </span>
                      ))}
                </td>
              </tr>
            );
          })}
          {jobs !== null && jobs.items.length === 0 && (
            <tr>
              <td colSpan={5} class="empty">
                No jobs visible from this room.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <h3>Workers</h3>
      <table data-testid="workers">
        <thead>
          <tr>
            <th>worker</th>
            <th>last heartbeat</th>
            <th class="n">jobs</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(workers?.items ?? []).map((worker) => (
            <tr key={worker.id} data-testid={`worker-${worker.id}`}>
              <td class="mono">{worker.id}</td>
              <td>{age(worker.last_heartbeat, now)}</td>
              <td class="n">{worker.job_count}</td>
              <td>
                <button type="button" class="danger" onClick={() => props.onDeleteWorker(worker.id)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
          {workers !== null && workers.items.length === 0 && (
            <tr>
              <td colSpan={4} class="empty">
                No workers serve this room.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
