/** Sign in: the server's password login (standalone), or a bearer token (a host app's own sign-in). */
import { useState } from "preact/hooks";

import { DashboardApi } from "../api.js";
import type { DashboardConfig } from "../config.js";
import { type Shown, describe } from "../problem.js";
import { ProblemBanner } from "./ProblemBanner.js";

export function Login(props: { config: DashboardConfig; onToken: (token: string) => void }) {
  const [problem, setProblem] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setProblem(null);
    try {
      const token = props.config.passwordLogin
        ? await DashboardApi.signIn(props.config, String(form.get("email")), String(form.get("password")))
        : String(form.get("token")).trim();
      props.onToken(token);
    } catch (error) {
      setProblem(describe(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="login">
      <h1>zndraw-joblib</h1>
      <form data-testid="login-form" onSubmit={(event) => void submit(event)}>
        {props.config.passwordLogin ? (
          <>
            <label>
              Email <input name="email" type="email" autocomplete="username" required />
            </label>
            <label>
              Password <input name="password" type="password" autocomplete="current-password" required />
            </label>
          </>
        ) : (
          <label>
            Bearer token <input name="token" required />
          </label>
        )}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      {problem && <ProblemBanner problem={problem} onClose={() => setProblem(null)} />}
    </main>
  );
}
