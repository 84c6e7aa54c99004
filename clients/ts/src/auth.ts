/**
 * Authentication: where the bearer token comes from, and the password login that issues one.
 *
 * Every REST request and every Socket.IO connection carries the same JWT. Give it as a string,
 * or as a function that returns the current one (called per request and per (re)connection, so a
 * frontend can refresh it).
 */
import createClient from "openapi-fetch";

import type { paths } from "./generated/openapi.js";
import { JobLibProblemError, problemFromResponse } from "./problems.js";

/** A bearer token, or a function returning the current one. */
export type TokenSource = string | (() => string | Promise<string>);

/** The token a source gives now. */
export async function resolveToken(source: TokenSource): Promise<string> {
  return typeof source === "string" ? source : await source();
}

/** The fetch implementation openapi-fetch calls (defaults to the global `fetch`). */
export type FetchFunction = (input: Request) => Promise<Response>;

export interface LoginOptions {
  /** The server's origin (plus the prefix a host app mounts the API under), e.g. `http://127.0.0.1:8000`. */
  baseUrl: string;
  email: string;
  password: string;
  fetch?: FetchFunction;
}

/**
 * Exchange an email and password for a bearer token (`POST /v1/auth/jwt/login`).
 *
 * @throws JobLibProblemError `bad-credentials` for an unknown email, a wrong password or an inactive user
 */
export async function login(options: LoginOptions): Promise<string> {
  const api = createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const { data, error, response } = await api.POST("/v1/auth/jwt/login", {
    body: { username: options.email, password: options.password },
    bodySerializer: (form) => new URLSearchParams({ username: form.username, password: form.password }).toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  if (data === undefined) {
    throw new JobLibProblemError(problemFromResponse(response, error));
  }
  return data.access_token;
}
