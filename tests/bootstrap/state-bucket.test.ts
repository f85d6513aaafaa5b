// The bootstrap's pure logic: which bucket each environment's state gets (STA-1..STA-5, OPS-1) and
// the `pulumi login` line that points Pulumi at it.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { checkDistinctBuckets, pulumiLoginCommand, stateBucketPlan } from "../../bootstrap/state-bucket";
import { stateBucketPlansFromStacks } from "../../bootstrap/stack-state";
import type { EnvironmentConfig, StateSpec } from "@scaleway-infra/contracts/documents/types";

function state(env: "staging" | "production", overrides: Partial<StateSpec> = {}): StateSpec {
  return {
    environment: env,
    backend: {
      type: "s3",
      bucket: `scaleway-infra-state-${env}`,
      key: `${env}/scaleway-infra.tfstate`,
      region: "fr-par",
    },
    locking: { enabled: true, timeout: 300 },
    encryption: { enabled: true, algorithm: "AES256" },
    ...overrides,
  };
}

function environment(env: "staging" | "production"): EnvironmentConfig {
  return {
    name: env,
    scaleway: {
      project_id:
        env === "staging" ? "11111111-1111-4111-8111-111111111111" : "22222222-2222-4222-8222-222222222222",
      organization_id: "33333333-3333-4333-8333-333333333333",
      region: "fr-par",
      zone: "fr-par-1",
    },
    networking: { private_networking: true },
    compliance: { data_residency: "EU", audit_logging: true, encryption_required: true },
  };
}

describe("pulumiLoginCommand", () => {
  it("points Pulumi's S3 backend at Scaleway Object Storage in the bucket's region", () => {
    expect(pulumiLoginCommand("scaleway-infra-state-staging", "nl-ams")).toBe(
      "pulumi login 's3://scaleway-infra-state-staging?endpoint=s3.nl-ams.scw.cloud&region=nl-ams&s3ForcePathStyle=true'",
    );
  });
});

describe("stateBucketPlan", () => {
  it("plans a private, AES256-encrypted bucket in the environment's own project, tagged env, service and purpose", () => {
    expect(stateBucketPlan(state("production"), environment("production"))).toEqual({
      environment: "production",
      bucket: "scaleway-infra-state-production",
      region: "fr-par",
      projectId: "22222222-2222-4222-8222-222222222222",
      tags: { env: "production", service: "state", purpose: "pulumi-state" },
      sseAlgorithm: "AES256",
      acl: "private",
      lifecycle: { noncurrentVersionDays: 90, abortIncompleteMultipartUploadDays: 7 },
      loginCommand:
        "pulumi login 's3://scaleway-infra-state-production?endpoint=s3.fr-par.scw.cloud&region=fr-par&s3ForcePathStyle=true'",
    });
  });

  it("refuses a state without encryption (STA-4)", () => {
    expect(() =>
      stateBucketPlan(
        // A state the schema refuses, as a caller that skipped validation could still pass it.
        state("staging", {
          encryption: { enabled: false, algorithm: "AES256" } as unknown as StateSpec["encryption"],
        }),
        environment("staging"),
      ),
    ).toThrow(
      expect.objectContaining({
        code: "INFRA_001",
        problems: [expect.objectContaining({ rule: "STA-4", path: "/encryption/enabled" })],
      }),
    );
  });

  it("refuses a state declared for another environment (OPS-1)", () => {
    expect(() => stateBucketPlan(state("production"), environment("staging"))).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ rule: "OPS-1" })] }),
    );
  });
});

describe("checkDistinctBuckets", () => {
  it("refuses two environments sharing one bucket (STA-2)", () => {
    const staging = stateBucketPlan(state("staging"), environment("staging"));
    const production = {
      ...stateBucketPlan(state("production"), environment("production")),
      bucket: staging.bucket,
    };
    expect(() => checkDistinctBuckets([staging, production])).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ rule: "STA-2" })] }),
    );
  });
});

describe("stateBucketPlansFromStacks", () => {
  function stackDir(states: Record<string, StateSpec>): string {
    const dir = mkdtempSync(path.join(tmpdir(), "scw-infra-bootstrap-"));
    for (const [env, spec] of Object.entries(states)) {
      const doc = {
        config: {
          "scaleway-infra:environment": environment(env as "staging" | "production"),
          "scaleway-infra:state": spec,
        },
      };
      writeFileSync(path.join(dir, `Pulumi.${env}.yaml`), JSON.stringify(doc, null, 2));
    }
    return dir;
  }

  it("plans one bucket per environment from the stack files' scaleway-infra:state", () => {
    const plans = stateBucketPlansFromStacks(
      stackDir({ staging: state("staging"), production: state("production") }),
      ["staging", "production"],
    );
    expect(plans.map((p) => p.bucket)).toEqual([
      "scaleway-infra-state-staging",
      "scaleway-infra-state-production",
    ]);
  });

  it("validates scaleway-infra:state against the state contract, with the file", () => {
    const dir = stackDir({
      staging: state("staging", {
        backend: { type: "s3", bucket: "Bad_Bucket", key: "staging/x", region: "fr-par" },
      }),
    });
    expect(() => stateBucketPlansFromStacks(dir, ["staging"])).toThrow(
      expect.objectContaining({
        code: "INFRA_001",
        problems: expect.arrayContaining([
          expect.objectContaining({ rule: "STA-2", path: "/backend/bucket" }),
        ]),
      }),
    );
  });

  it("reads the project's own staging and production stack files", () => {
    const plans = stateBucketPlansFromStacks(path.join(__dirname, "..", ".."), ["staging", "production"]);
    expect(plans.map((p) => p.environment)).toEqual(["staging", "production"]);
    expect(new Set(plans.map((p) => p.bucket)).size).toBe(2);
  });
});
