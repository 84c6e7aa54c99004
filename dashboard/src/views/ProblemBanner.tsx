/** A refused action, as the problem's title (and detail) the server answered. */
import type { Shown } from "../problem.js";

export function ProblemBanner(props: { problem: Shown; onClose: () => void }) {
  return (
    <div class="problem" role="alert" data-testid="problem">
      <strong data-testid="problem-title">{props.problem.title}</strong>
      {props.problem.detail && <span class="detail">{props.problem.detail}</span>}
      <button type="button" class="link" aria-label="dismiss" onClick={props.onClose}>
        ×
      </button>
    </div>
  );
}
