import { bucketProps, containerProps, evaluate, failuresOf, findingsOf, resource, urnOf } from "./helpers";
import type { PlannedResource } from "../../cli/plan/model";

const bucket = (overrides: Record<string, unknown> = {}, options = {}) =>
  resource("objectBucket", "state-bucket", bucketProps(overrides), options);
const encryptionFor = (target: PlannedResource, algorithm = "AES256"): PlannedResource =>
  resource(
    "objectBucketEncryption",
    "state-bucket-sse",
    {
      bucket: "scaleway-infra-state-production",
      region: "fr-par",
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: algorithm } }],
    },
    { dependencies: [target.urn] },
  );

describe("data residency (ENV-4)", () => {
  it("passes a resource in an EU region", async () => {
    const evaluation = await evaluate([resource("container", "documentation", containerProps())]);
    expect(evaluation.findings.filter((f) => f.policy === "resources-in-eu")).toEqual([]);
    expect(evaluation.rules.find((r) => r.ruleId === "ENV-4")?.status).toBe("pass");
  });

  it("fails a region outside the EU and lists the EU regions", async () => {
    const [failure] = await failuresOf("resources-in-eu", [
      resource("databaseInstance", "db", { region: "us-east-1", nodeType: "DB-GP-XS" }),
    ]);
    expect(failure.message).toMatch(
      /^\[ENV-4, COMP-1\] `region` "us-east-1" is outside the EU.*fr-par, nl-ams, pl-waw/,
    );
  });

  it("fails a zone outside the EU on any Scaleway type", async () => {
    const server = resource(
      "container",
      "vm",
      { zone: "jp-tok-1" },
      { type: "scaleway:instance/server:Server" },
    );
    expect(await failuresOf("resources-in-eu", [server])).toHaveLength(1);
  });

  it("checks the provider's region when the resource sets none", async () => {
    const providerUrn = urnOf("production", "pulumi:providers:scaleway", "default");
    const provider: PlannedResource = {
      urn: providerUrn,
      type: "pulumi:providers:scaleway",
      name: "default",
      custom: true,
      dependencies: [],
      props: { region: "us-west-2", zone: "us-west-2a" },
      secretPaths: [],
    };
    const bucketWithoutRegion = bucket(
      { region: undefined },
      { provider: `${providerUrn}::04da6b54-80e4-46f7-96ec-b56ff0331ba9` },
    );
    const failures = await failuresOf("resources-in-eu", [provider, bucketWithoutRegion]);
    expect(failures.map((f) => f.resourceName)).toContain("state-bucket");
    expect(failures.find((f) => f.resourceName === "state-bucket")?.message).toContain(
      "inherited from the provider",
    );
  });
});

describe("state buckets (STA-4)", () => {
  it("passes a versioned, private, encrypted state bucket", async () => {
    const state = bucket();
    const evaluation = await evaluate([state, encryptionFor(state)]);
    expect(evaluation.findings.filter((f) => f.ruleIds.includes("STA-4"))).toEqual([]);
    expect(evaluation.rules.find((r) => r.ruleId === "STA-4")?.status).toBe("pass");
  });

  it("fails a state bucket without versioning", async () => {
    const [failure] = await failuresOf("state-bucket-versioned-private", [
      bucket({ versioning: { enabled: false } }),
    ]);
    expect(failure.message).toMatch(
      /^\[STA-4, SECU-4\] versioning is off.*set `versioning: \{ enabled: true \}`/,
    );
  });

  it("fails a public-read state bucket under the flat token", async () => {
    const [failure] = await failuresOf("state-bucket-versioned-private", [
      bucket({ acl: "public-read" }, { flatToken: true }),
    ]);
    expect(failure.message).toContain('set it to "private"');
  });

  it("ignores buckets that are neither tagged nor named as state buckets", async () => {
    const assets = bucket({
      name: "scaleway-infra-assets-production",
      tags: { purpose: "assets" },
      versioning: undefined,
      acl: "public-read",
    });
    expect(await findingsOf("state-bucket-versioned-private", [assets])).toEqual([]);
  });

  // Issue 11 §8: a state bucket is judged by what it is, not only by its tag.
  it.each(["scaleway-infra-state-production", "tfstate-production", "acme.pulumi.backend"])(
    "checks an untagged bucket named %s as a state bucket",
    async (name) => {
      const untagged = bucket({ name, tags: { env: "production" }, versioning: undefined });
      const [failure] = await failuresOf("state-bucket-versioned-private", [untagged]);
      expect(failure.message).toContain("versioning is off on the state bucket");
    },
  );

  it("fails a state bucket without server-side encryption", async () => {
    const [failure] = await failuresOf("state-bucket-encrypted", [bucket()]);
    expect(failure.message).toMatch(
      /^\[STA-4, SECU-4\] state bucket state-bucket has no server-side encryption with AES256/,
    );
  });

  it("fails a public ACL resource attached to the state bucket", async () => {
    const state = bucket();
    const publicAcl = resource(
      "objectBucketAcl",
      "state-acl",
      { bucket: "scaleway-infra-state-production", acl: "public-read" },
      { dependencies: [state.urn] },
    );
    const failures = await failuresOf("state-bucket-encrypted", [state, encryptionFor(state), publicAcl]);
    expect(failures.map((f) => f.urn)).toEqual([publicAcl.urn]);
  });
});
