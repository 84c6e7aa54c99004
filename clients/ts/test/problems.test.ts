import { describe, expect, inject, it } from "vitest";

import {
  JobLibAckError,
  JobLibError,
  JobLibProblemError,
  createJobLibClient,
  problemFromResponse,
} from "../src/index.js";

describe("problemFromResponse", () => {
  it("keeps a problem body as it is, extension members included", () => {
    const body = { type: "/v1/problems/schema-conflict", title: "Schema conflict", status: 409, detail: "differs", job: "x" };
    expect(problemFromResponse(new Response(null, { status: 409 }), body)).toBe(body);
  });

  it("turns a body that is not a problem into an about:blank problem from the status line", () => {
    const response = new Response(null, { status: 502, statusText: "Bad Gateway" });
    expect(problemFromResponse(response, "  <html>upstream down</html>\n")).toEqual({
      type: "about:blank",
      title: "Bad Gateway",
      status: 502,
      detail: "<html>upstream down</html>",
    });
    expect(problemFromResponse(new Response(null, { status: 500 }), { message: "boom" })).toEqual({
      type: "about:blank",
      title: "HTTP 500",
      status: 500,
    });
  });
});

describe("JobLibProblemError", () => {
  it("carries the problem's members and only well-formed validation errors", () => {
    const error = new JobLibProblemError({
      type: "/v1/problems/validation-error",
      title: "Validation error",
      status: 422,
      errors: [{ loc: ["query", "limit"], msg: "too big", type: "less_than_equal" }, { nonsense: true }],
    });
    expect(error).toBeInstanceOf(JobLibError);
    expect(error.name).toBe("JobLibProblemError");
    expect(error.message).toBe("Validation error");
    expect(error.is("validation-error")).toBe(true);
    expect(error.errors).toEqual([{ loc: ["query", "limit"], msg: "too big", type: "less_than_equal" }]);
    expect(error.detail).toBeUndefined();
  });

  it("is thrown with an about:blank type when the server answers an error page", async () => {
    const client = createJobLibClient({
      baseUrl: inject("baseUrl"),
      token: "unused",
      fetch: async () => new Response("<h1>maintenance</h1>", { status: 503, statusText: "Service Unavailable", headers: { "Content-Type": "text/html" } }),
    });
    const error = await client.listJobs("@global").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JobLibProblemError);
    expect(error).toMatchObject({ type: "about:blank", status: 503, title: "Service Unavailable", detail: "<h1>maintenance</h1>" });
  });
});

describe("JobLibAckError", () => {
  it("names the refused event and the problem type", () => {
    const error = new JobLibAckError("join_room", { type: "/v1/problems/invalid-room-id", detail: "bad room" });
    expect(error.message).toBe("join_room refused: bad room");
    expect(error.is("invalid-room-id")).toBe(true);
    expect(error.is("forbidden")).toBe(false);
  });
});
