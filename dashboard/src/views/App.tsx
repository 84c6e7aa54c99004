/** The page: sign in, then the dashboard of the signed-in user (the whole queue for a superuser,
 * one room at a time for anyone else). */
import { JobLibProblemError, type RoomId, type UserRead } from "@zndraw/joblib-client";
import { useEffect, useMemo, useState } from "preact/hooks";

import { DashboardApi, type TaskFilter } from "../api.js";
import type { DashboardConfig } from "../config.js";
import { useInvalidation, useLoad, useNow } from "../hooks.js";
import { Live } from "../live.js";
import { type Shown, describe } from "../problem.js";
import { Health } from "./Health.js";
import { Login } from "./Login.js";
import { ProblemBanner } from "./ProblemBanner.js";
import { RoomDetail } from "./RoomDetail.js";
import { RoomList, RoomPicker } from "./Rooms.js";
import { TaskDetail } from "./TaskDetail.js";
import { Tasks } from "./Tasks.js";

const TOKEN_KEY = "zndraw-joblib-token";

export function App(props: { config: DashboardConfig }) {
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const signIn = (value: string): void => {
    sessionStorage.setItem(TOKEN_KEY, value);
    setToken(value);
  };
  const signOut = (): void => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken(null);
  };
  if (token === null) return <Login config={props.config} onToken={signIn} />;
  return <Session key={token} config={props.config} token={token} onSignOut={signOut} />;
}

function Session(props: { config: DashboardConfig; token: string; onSignOut: () => void }) {
  const api = useMemo(() => new DashboardApi(props.config, props.token), [props.token]);
  const live = useMemo(() => new Live(props.config, props.token), [props.token]);
  useEffect(() => () => live.close(), [live]);
  const me = useLoad(() => api.me(), [api]);
  useEffect(() => {
    if (me.error instanceof JobLibProblemError && me.error.status === 401) props.onSignOut(); // expired token
  }, [me.error]);
  if (me.data === null) {
    return me.error ? <ProblemBanner problem={describe(me.error)} onClose={props.onSignOut} /> : <p class="loading">Signing in…</p>;
  }
  return <Dashboard api={api} live={live} me={me.data} onSignOut={props.onSignOut} />;
}

function Dashboard(props: { api: DashboardApi; live: Live; me: UserRead; onSignOut: () => void }) {
  const { api, live, me } = props;
  const superuser = me.is_superuser;
  const [room, setRoom] = useState<RoomId | null>(null);
  const [filter, setFilter] = useState<TaskFilter>({ room: null, job: null, status: null });
  const [selected, setSelected] = useState<string | null>(null);
  const [problem, setProblem] = useState<Shown | null>(null);
  const [connected, setConnected] = useState(live.connected);
  const now = useNow();
  const moved = useInvalidation(live, ["task_status_event", "tasks_submitted", "jobs_invalidate"]);

  useEffect(() => live.onConnection(setConnected), [live]);
  useEffect(() => {
    document.body.dataset.live = "joining";
    live.follow(superuser ? { kind: "all" } : room === null ? { kind: "none" } : { kind: "room", room }).then(
      () => {
        document.body.dataset.live = "following";
      },
      (error: unknown) => setProblem(describe(error)),
    );
  }, [live, superuser, room]);

  const chooseRoom = (next: RoomId | null): void => {
    setRoom(next);
    setFilter({ room: next, job: null, status: filter.status });
    setSelected(null);
  };
  const canRead = superuser || room !== null;
  const stats = useLoad(async () => (canRead ? await api.stats(room) : null), [api, room, moved]);
  const rooms = useLoad(async () => (superuser ? await api.rooms() : null), [api, moved]);
  const jobs = useLoad(async () => (room === null ? null : await api.jobs(room)), [api, room, moved]);
  const workers = useLoad(async () => (room === null ? null : await api.workers(room)), [api, room, moved]);
  const failedRead = [stats, jobs, workers, rooms].find((loaded) => loaded.error)?.error;

  const act = (action: Promise<unknown>): void => {
    action.then(
      () => setProblem(null),
      (error: unknown) => setProblem(describe(error)),
    );
  };
  const jobNames = (jobs.data?.items ?? stats.data?.jobs ?? []).map((job) => job.full_name);

  return (
    <div class="dashboard">
      <header class="top">
        <h1>zndraw-joblib</h1>
        <span class={connected ? "live on" : "live off"} data-testid="connection">
          {connected ? "live" : "offline"}
        </span>
        <nav>
          <a href={`${api.config.apiBase}/docs`}>API docs</a>
        </nav>
        <span class="user" data-testid="signed-in">
          {me.email}
          {superuser && <span class="badge">superuser</span>}
        </span>
        <button type="button" onClick={props.onSignOut}>
          Sign out
        </button>
      </header>
      {problem && <ProblemBanner problem={problem} onClose={() => setProblem(null)} />}
      {!problem && failedRead !== undefined && failedRead !== null && (
        <ProblemBanner problem={describe(failedRead)} onClose={() => chooseRoom(null)} />
      )}
      <div class="columns">
        <div class="side">
          {superuser ? (
            <RoomList rooms={rooms.data?.items ?? null} selected={room} onSelect={chooseRoom} now={now} />
          ) : (
            <RoomPicker selected={room} onSelect={chooseRoom} />
          )}
        </div>
        <div class="main">
          {canRead && <Health stats={stats.data} now={now} />}
          {room !== null && (
            <RoomDetail
              room={room}
              jobs={jobs.data}
              workers={workers.data}
              stats={stats.data}
              now={now}
              onDeleteWorker={(id) => act(api.deleteWorker(id))}
              onPickJob={(job) => setFilter({ ...filter, job })}
            />
          )}
          {canRead && (
            <Tasks
              api={api}
              live={live}
              filter={filter}
              jobNames={jobNames}
              onFilter={setFilter}
              selected={selected}
              onSelect={setSelected}
              onCancel={(id) => act(api.cancel(id))}
              onProblem={setProblem}
              now={now}
            />
          )}
        </div>
        {selected !== null && (
          <TaskDetail
            api={api}
            live={live}
            id={selected}
            now={now}
            onCancel={(id) => act(api.cancel(id))}
            onClose={() => setSelected(null)}
          />
        )}
      </div>
    </div>
  );
}
