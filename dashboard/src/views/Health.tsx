/** Queue health at a glance: per job the depth, running and failed counts, oldest pending age, workers. */
import type { QueueStats } from "@zndraw/joblib-client";

import { age } from "../time.js";
import { EndedChart } from "./Chart.js";

export function Health(props: { stats: QueueStats | null; now: number }) {
  const { stats, now } = props;
  if (stats === null) return <section class="card">Loading queue health…</section>;
  const jobs = stats.jobs.slice().sort((a, b) => b.counts.pending - a.counts.pending || a.full_name.localeCompare(b.full_name));
  const pending = jobs.reduce((sum, job) => sum + job.counts.pending, 0);
  return (
    <section class="card health" data-testid="health">
      <h2>Queue health</h2>
      <div class="figures">
        <div>
          <b data-testid="pending-total">{pending}</b> pending
        </div>
        <div>
          <b data-testid="workers-alive">{stats.workers_alive}</b> workers alive
        </div>
        <EndedChart minutes={stats.ended_per_minute} />
      </div>
      <table>
        <thead>
          <tr>
            <th>job</th>
            <th class="n">pending</th>
            <th class="n">running</th>
            <th class="n">failed</th>
            <th class="n">completed</th>
            <th class="n">workers</th>
            <th>oldest pending</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.full_name} data-testid={`health-${job.full_name}`}>
              <td class="mono">{job.full_name}</td>
              <td class="n">{job.counts.pending}</td>
              <td class="n">{job.counts.claimed + job.counts.running}</td>
              <td class="n">{job.counts.failed}</td>
              <td class="n">{job.counts.completed}</td>
              <td class="n">{job.workers}</td>
              <td>{job.oldest_pending_at ? age(job.oldest_pending_at, now) : "–"}</td>
            </tr>
          ))}
          {jobs.length === 0 && (
            <tr>
              <td colSpan={7} class="empty">
                No jobs yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
