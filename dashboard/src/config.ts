/**
 * Where the API is: the server writes a JSON block into index.html when it serves the page
 * (server/src/zndraw_joblib/ui/dashboard.py), so one build serves the standalone server and a
 * host app that mounts the router under another prefix.
 */
export interface DashboardConfig {
  /** The REST routes' prefix on this origin ("" at the root). */
  apiBase: string;
  /** The Socket.IO endpoint's path. */
  socketPath: string;
  /** The password login (`POST /v1/auth/jwt/login`) exists; otherwise the page asks for a token. */
  passwordLogin: boolean;
}

interface Served {
  api_base?: string;
  socketio_path?: string;
  password_login?: boolean;
}

/** The config of the served page (defaults: the standalone server's layout). */
export function readConfig(doc: Document = document): DashboardConfig {
  let served: Served = {};
  try {
    served = JSON.parse(doc.getElementById("zndraw-joblib-config")?.textContent ?? "{}") as Served;
  } catch {
    served = {};
  }
  return {
    apiBase: new URL(served.api_base ?? "", doc.location.origin).href.replace(/\/$/, ""),
    socketPath: served.socketio_path ?? "/socket.io",
    passwordLogin: served.password_login ?? true,
  };
}
