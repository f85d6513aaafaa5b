import { UNKNOWN } from "../../cli/plan/model";
import { containerProps, evaluate, failuresOf, findingsOf, resource } from "./helpers";

const container = (overrides: Record<string, unknown> = {}, options = {}) =>
  resource("container", "documentation", containerProps(overrides), options);

describe("container policies", () => {
  it.each([
    "container-image-from-eu-registry",
    "container-scaling-redundant",
    "container-http-health-check",
    "container-no-hardcoded-secrets",
    "container-privacy-explicit",
  ])("a compliant production container passes %s", async (policy) => {
    expect(await findingsOf(policy, [container()])).toEqual([]);
  });

  it.each([false, true])(
    "a compliant container makes CTR-2, CTR-4, CTR-5, CTR-6 pass (flat token: %s)",
    async (flatToken) => {
      const declared = containerProps().secretEnvironmentVariables as Record<string, string>;
      const version = resource("secretVersion", "database-url-v1", {
        secretId: "fr-par/aa",
        data: declared.DATABASE_URL,
      });
      const evaluation = await evaluate([container({}, { flatToken }), version]);
      for (const id of ["CTR-2", "CTR-4", "CTR-5", "CTR-6"]) {
        expect(evaluation.rules.find((r) => r.ruleId === id)?.status).toBe("pass");
      }
    },
  );

  describe("CTR-2 image", () => {
    it("fails an image outside Scaleway Container Registry and says what to use", async () => {
      const [failure] = await failuresOf("container-image-from-eu-registry", [
        container({ image: "docker.io/library/nginx:1.27" }),
      ]);
      expect(failure.ruleIds).toContain("CTR-2");
      expect(failure.message).toMatch(/^\[CTR-2\] .*docker\.io.*rg\.<fr-par\|nl-ams\|pl-waw>\.scw\.cloud/);
    });

    it("fails a registry outside the EU", async () => {
      const failures = await failuresOf("container-image-from-eu-registry", [
        container({ image: "rg.us-east.scw.cloud/scaleway-infra/documentation:1.4.2" }),
      ]);
      expect(failures).toHaveLength(1);
    });

    it("fails a mutable tag in production and asks for a pinned one", async () => {
      const [failure] = await failuresOf("container-image-from-eu-registry", [
        container({ image: "rg.fr-par.scw.cloud/scaleway-infra/documentation:latest" }),
      ]);
      expect(failure.message).toMatch(/not pinned.*@sha256/);
    });

    it("accepts a mutable tag in staging", async () => {
      const staging = container(
        {
          image: "rg.fr-par.scw.cloud/scaleway-infra/documentation:latest",
          tags: ["env:staging"],
          minScale: 1,
        },
        { stack: "staging" },
      );
      expect(await failuresOf("container-image-from-eu-registry", [staging], { stack: "staging" })).toEqual(
        [],
      );
    });

    it("checks the deprecated registryImage input when image is absent", async () => {
      const failures = await failuresOf("container-image-from-eu-registry", [
        container({ image: undefined, registryImage: "ghcr.io/acme/documentation:1.0.0" }),
      ]);
      expect(failures[0].message).toContain("`registryImage`");
    });
  });

  describe("CTR-4 scaling", () => {
    it("fails minScale 1 in production and names the minimum", async () => {
      const [failure] = await failuresOf("container-scaling-redundant", [container({ minScale: 1 })]);
      expect(failure.message).toMatch(
        /^\[CTR-4, PERF-1\] `minScale` is 1 in environment production.*set `minScale` to 2/,
      );
    });

    it("fails minScale 1 under the flat type token too", async () => {
      expect(
        await failuresOf("container-scaling-redundant", [container({ minScale: 1 }, { flatToken: true })]),
      ).toHaveLength(1);
    });

    it("accepts minScale 1 in staging", async () => {
      const staging = container({ minScale: 1, tags: ["env:staging"] }, { stack: "staging" });
      expect(await failuresOf("container-scaling-redundant", [staging], { stack: "staging" })).toEqual([]);
    });

    it("takes the environment from the env tag before the stack name", async () => {
      const taggedProduction = container({ minScale: 1 }, { stack: "staging" });
      expect(
        await failuresOf("container-scaling-redundant", [taggedProduction], { stack: "staging" }),
      ).toHaveLength(1);
    });

    it("fails an unset minScale, which Scaleway takes as 0", async () => {
      const [failure] = await failuresOf("container-scaling-redundant", [container({ minScale: undefined })]);
      expect(failure.message).toContain("unset");
    });

    it("fails minScale above maxScale", async () => {
      const [failure] = await failuresOf("container-scaling-redundant", [
        container({ minScale: 4, maxScale: 3 }),
      ]);
      expect(failure.message).toContain("raise `maxScale` to at least 4");
    });

    it("applies production thresholds when the environment cannot be told", async () => {
      const unnamed = container({ minScale: 1, tags: [] }, { stack: "dev" });
      const [failure] = await failuresOf("container-scaling-redundant", [unnamed], { stack: "dev" });
      expect(failure.message).toContain("production thresholds apply");
    });
  });

  describe("CTR-5 health check", () => {
    it("fails a container without a health check", async () => {
      const [failure] = await failuresOf("container-http-health-check", [
        container({ livenessProbe: undefined }),
      ]);
      expect(failure.message).toMatch(/^\[CTR-5\] .*add `livenessProbe\.http\.path`/);
    });

    it("fails a TCP-only probe", async () => {
      const tcp = { tcp: true, interval: "10s", timeout: "5s", failureThreshold: 3 };
      expect(
        await failuresOf("container-http-health-check", [container({ livenessProbe: tcp })]),
      ).toHaveLength(1);
    });

    it("fails a relative health path", async () => {
      const probe = { http: { path: "health" }, interval: "10s", timeout: "5s", failureThreshold: 3 };
      const [failure] = await failuresOf("container-http-health-check", [
        container({ livenessProbe: probe }),
      ]);
      expect(failure.message).toContain('"health" is not an absolute HTTP path');
    });

    it("accepts the deprecated healthChecks block with an HTTP path", async () => {
      const props = {
        livenessProbe: undefined,
        healthChecks: [{ https: [{ path: "/ready" }], failureThreshold: 3, interval: "10s" }],
      };
      expect(await failuresOf("container-http-health-check", [container(props)])).toEqual([]);
    });
  });

  describe("CTR-6 hardcoded secrets", () => {
    it("fails a plaintext password in a plain variable without printing it", async () => {
      const variables = { LOG_LEVEL: "info", DB_PASSWORD: "Tr0ub4dor&3-horse" };
      const [failure] = await failuresOf("container-no-hardcoded-secrets", [
        container({ environmentVariables: variables }),
      ]);
      expect(failure.message).toMatch(
        /^\[CTR-6, SECU-1\] plain environment variable DB_PASSWORD .*secretEnvironmentVariables/,
      );
      expect(failure.message).not.toContain("Tr0ub4dor");
    });

    it("fails a Scaleway access key whatever the variable's name", async () => {
      const variables = { SETTING: "SCWABCDEFGHJKMNPQRS1" };
      expect(
        await failuresOf("container-no-hardcoded-secrets", [container({ environmentVariables: variables })]),
      ).toHaveLength(1);
    });

    it("ignores a credential-named variable whose value is computed from another resource", async () => {
      const variables = { LOG_LEVEL: "info", DB_PASSWORD: UNKNOWN };
      expect(
        await findingsOf("container-no-hardcoded-secrets", [container({ environmentVariables: variables })]),
      ).toEqual([]);
    });

    it("accepts secrets passed through secretEnvironmentVariables", async () => {
      const props = { secretEnvironmentVariables: { API_TOKEN: "ghp_0123456789abcdefghijABCDEFGHIJ012345" } };
      expect(await failuresOf("container-no-hardcoded-secrets", [container(props)])).toEqual([]);
    });
  });

  describe("SECU-2 privacy", () => {
    it("fails a container whose privacy is left to the default", async () => {
      const [failure] = await failuresOf("container-privacy-explicit", [container({ privacy: undefined })]);
      expect(failure.message).toMatch(
        /^\[SECU-2\] `privacy` is not set.*set `privacy` to "private" or "public"/,
      );
    });

    it("fails a privacy that is neither public nor private", async () => {
      expect(
        await failuresOf("container-privacy-explicit", [container({ privacy: "internal" })]),
      ).toHaveLength(1);
    });
  });
});
