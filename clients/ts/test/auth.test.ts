import { describe, expect, inject, it } from "vitest";

import { JobLibProblemError, createJobLibClient, login } from "../src/index.js";

describe("login", () => {
  it("exchanges the email and password for a token the API accepts", async () => {
    const baseUrl = inject("baseUrl");
    const token = await login({ baseUrl, email: inject("adminEmail"), password: inject("adminPassword") });

    expect(token.split(".")).toHaveLength(3);
    const me = await createJobLibClient({ baseUrl, token }).api.GET("/v1/users/me");
    expect(me.data).toMatchObject({ email: inject("adminEmail"), is_superuser: true });
  });

  it("throws bad-credentials for a wrong password", async () => {
    const error = await login({ baseUrl: inject("baseUrl"), email: inject("adminEmail"), password: "wrong" }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(JobLibProblemError);
    expect((error as JobLibProblemError).is("bad-credentials")).toBe(true);
    expect((error as JobLibProblemError).status).toBe(400);
  });
});
