import { describe, expect, it } from "vitest";

import { retryingFetch } from "../src/index.js";

function problem503(safe: boolean, retryAfter = "0"): Response {
  return new Response(
    JSON.stringify({ type: "/v1/problems/service-unavailable", title: "x", status: 503, safe_to_retry: safe }),
    { status: 503, headers: { "Content-Type": "application/problem+json", "Retry-After": retryAfter } },
  );
}

function scripted(answers: Array<Response | Error>): { fetch: (r: Request) => Promise<Response>; seen: Request[] } {
  const seen: Request[] = [];
  return {
    seen,
    fetch: async (request: Request) => {
      seen.push(request);
      const answer = answers.shift();
      if (answer instanceof Error) {
        throw answer;
      }
      return answer ?? new Response("{}", { status: 200 });
    },
  };
}

describe("retryingFetch", () => {
  it("sends a POST again when the 503 says nothing took effect, with its body", async () => {
    const { fetch, seen } = scripted([problem503(true), new Response('{"ok":1}', { status: 202 })]);
    const response = await retryingFetch(fetch)(new Request("http://x/a", { method: "POST", body: '{"p":1}' }));
    expect(response.status).toBe(202);
    expect(seen).toHaveLength(2);
    expect(await seen[1]!.text()).toBe('{"p":1}');
  });

  it("does not send a POST again when a change may have been committed", async () => {
    const { fetch, seen } = scripted([problem503(false), new Response("{}", { status: 202 })]);
    const response = await retryingFetch(fetch)(new Request("http://x/a", { method: "POST", body: "{}" }));
    expect(response.status).toBe(503);
    expect(seen).toHaveLength(1);
  });

  it("retries an idempotent request after a network failure, not a POST", async () => {
    const get = scripted([new TypeError("fetch failed"), new Response("{}", { status: 200 })]);
    expect((await retryingFetch(get.fetch)(new Request("http://x/a"))).status).toBe(200);
    const post = scripted([new TypeError("fetch failed")]);
    await expect(retryingFetch(post.fetch)(new Request("http://x/a", { method: "POST" }))).rejects.toThrow(TypeError);
    expect(post.seen).toHaveLength(1);
  });

  it("gives up after its time budget and never retries with a budget of 0", async () => {
    const many = scripted([problem503(true), problem503(true), problem503(true)]);
    const started = Date.now();
    const response = await retryingFetch(many.fetch, { timeoutMs: 150 })(new Request("http://x/a"));
    expect(response.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(2_000);
    const none = scripted([problem503(true), new Response("{}", { status: 200 })]);
    expect((await retryingFetch(none.fetch, { timeoutMs: 0 })(new Request("http://x/a"))).status).toBe(503);
  });
});
