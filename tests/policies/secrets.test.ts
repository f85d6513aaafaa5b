import { containerProps, evaluate, failuresOf, findingsOf, resource } from "./helpers";

const PAYLOAD = "postgres://app:Zq8-long-random-Pa55@10.0.0.5:5432/documentation";
const version = (overrides: Record<string, unknown> = {}, options = {}) =>
  resource(
    "secretVersion",
    "documentation-database-url-v1",
    { secretId: "fr-par/aa11", data: PAYLOAD, ...overrides },
    options,
  );

describe("secret policies", () => {
  it("a secret version with a payload passes secret-version-has-payload", async () => {
    expect(await findingsOf("secret-version-has-payload", [version()])).toEqual([]);
  });

  it.each([false, true])(
    "a version referenced only through secret variables makes SEC-3 pass (flat token: %s)",
    async (flatToken) => {
      const container = resource(
        "container",
        "documentation",
        containerProps({ secretEnvironmentVariables: { DATABASE_URL: PAYLOAD } }),
      );
      const evaluation = await evaluate([version({}, { flatToken }), container]);
      expect(evaluation.rules.find((r) => r.ruleId === "SEC-3")?.status).toBe("pass");
    },
  );

  it("fails a version without payload", async () => {
    const [failure] = await failuresOf("secret-version-has-payload", [version({ data: undefined })]);
    expect(failure.message).toMatch(/^\[SEC-3\] the secret version has no payload; set `data`/);
  });

  it("accepts a write-only payload", async () => {
    expect(
      await failuresOf("secret-version-has-payload", [
        version({ data: undefined, dataWo: "c2VjcmV0LXZhbHVl" }),
      ]),
    ).toEqual([]);
  });

  it("fails a secret payload copied into a container's plain variable, naming where", async () => {
    const container = resource(
      "container",
      "documentation",
      containerProps({ environmentVariables: { LOG_LEVEL: "info", CONNECTION: PAYLOAD } }),
    );
    const [failure] = await failuresOf("secret-values-not-exposed", [version(), container]);
    expect(failure.message).toMatch(
      /^\[SEC-3, SECU-1\] documentation carries a secret payload in clear at `environmentVariables\.CONNECTION`/,
    );
    expect(failure.message).not.toContain(PAYLOAD);
    expect(failure.urn).toBe(container.urn);
  });

  it("fails a payload leaked under the flat token of the version", async () => {
    const leak = resource("container", "documentation", containerProps({ description: PAYLOAD }));
    expect(
      await failuresOf("secret-values-not-exposed", [version({}, { flatToken: true }), leak]),
    ).toHaveLength(1);
  });
});
