/** Tasks ended per minute over the last hour: stacked SVG bars (completed, failed, cancelled). */
import type { MinuteStats } from "@zndraw/joblib-client";

const WIDTH = 360;
const HEIGHT = 80;

export function EndedChart(props: { minutes: MinuteStats[] }) {
  const { minutes } = props;
  const peak = Math.max(1, ...minutes.map((m) => m.completed + m.failed + m.cancelled));
  const bar = WIDTH / Math.max(1, minutes.length);
  const total = minutes.reduce((sum, m) => sum + m.completed, 0);
  const last = minutes.at(-1);
  return (
    <figure class="chart" data-testid="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label="tasks ended per minute">
        {minutes.map((m, i) => {
          let y = HEIGHT;
          return (["completed", "failed", "cancelled"] as const).map((kind) => {
            const h = (m[kind] / peak) * (HEIGHT - 4);
            y -= h;
            return h > 0 ? (
              <rect key={`${i}-${kind}`} class={kind} x={i * bar + 0.5} y={y} width={Math.max(1, bar - 1)} height={h}>
                <title>{`${new Date(m.minute).toLocaleTimeString()}: ${m[kind]} ${kind}`}</title>
              </rect>
            ) : null;
          });
        })}
        <line x1="0" x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} class="axis" />
      </svg>
      <figcaption>
        completed per minute, last hour (peak {peak}, total {total}
        {last ? `, this minute ${last.completed}` : ""}) · <span class="completed">■</span> completed{" "}
        <span class="failed">■</span> failed <span class="cancelled">■</span> cancelled
      </figcaption>
    </figure>
  );
}
