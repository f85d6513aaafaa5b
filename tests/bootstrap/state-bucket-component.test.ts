// StateBucket under Pulumi mocks: the resources it asks Scaleway for.
import * as pulumi from "@pulumi/pulumi";
import { StateBucket } from "../../bootstrap/state-bucket-component";
import { StateBucketPlan, pulumiLoginCommand } from "../../bootstrap/state-bucket";

interface Recorded {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  parent?: string;
}
const recorded: Recorded[] = [];

beforeAll(() => {
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        recorded.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call(args) {
        return args.inputs;
      },
    },
    "scaleway-infra-bootstrap",
    "bootstrap",
    false,
  );
});

const plan: StateBucketPlan = {
  environment: "staging",
  bucket: "scaleway-infra-state-staging",
  region: "fr-par",
  projectId: "11111111-1111-4111-8111-111111111111",
  tags: { env: "staging", service: "state", purpose: "pulumi-state" },
  sseAlgorithm: "AES256",
  acl: "private",
  lifecycle: { noncurrentVersionDays: 90, abortIncompleteMultipartUploadDays: 7 },
  loginCommand: pulumiLoginCommand("scaleway-infra-state-staging", "fr-par"),
};

let component: StateBucket;
beforeAll(async () => {
  component = new StateBucket("state-staging", plan);
  await new Promise<void>((resolve) =>
    pulumi.all([component.bucket.id, component.acl.id, component.encryption.id]).apply(() => resolve()),
  );
});

function resource(type: string): Recorded {
  const found = recorded.find((r) => r.type === type);
  if (!found) throw new Error(`no ${type} among ${recorded.map((r) => r.type).join(", ")}`);
  return found;
}

describe("StateBucket", () => {
  it("creates a versioned bucket in the environment's project and region, with its tags", () => {
    expect(resource("scaleway:object/bucket:Bucket").inputs).toMatchObject({
      name: "scaleway-infra-state-staging",
      region: "fr-par",
      projectId: plan.projectId,
      versioning: { enabled: true },
      tags: { env: "staging", service: "state", purpose: "pulumi-state" },
    });
  });

  it("expires noncurrent state versions and aborts stale multipart uploads", () => {
    expect(resource("scaleway:object/bucket:Bucket").inputs.lifecycleRules).toEqual([
      {
        id: "expire-noncurrent-state-versions",
        enabled: true,
        noncurrentVersionExpiration: { noncurrentDays: 90 },
        abortIncompleteMultipartUploadDays: 7,
      },
    ]);
  });

  it("makes the bucket private", () => {
    expect(resource("scaleway:object/bucketAcl:BucketAcl").inputs).toMatchObject({
      bucket: "scaleway-infra-state-staging",
      acl: "private",
    });
  });

  it("encrypts every object with SSE AES256 by default", () => {
    expect(
      resource(
        "scaleway:object/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      ).inputs,
    ).toMatchObject({
      bucket: "scaleway-infra-state-staging",
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
  });

  it("registers the component and exactly three Scaleway children", () => {
    expect(recorded.map((r) => r.type).sort()).toEqual([
      "scaleway-infra-bootstrap:state:StateBucket",
      "scaleway:object/bucket:Bucket",
      "scaleway:object/bucketAcl:BucketAcl",
      "scaleway:object/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    ]);
  });

  it("parents every child to the component", async () => {
    const urns = await new Promise<string[]>((resolve) =>
      pulumi
        .all([component.bucket.urn, component.acl.urn, component.encryption.urn])
        .apply((u) => resolve(u)),
    );
    for (const urn of urns) expect(urn).toContain("scaleway-infra-bootstrap:state:StateBucket$");
  });

  it("carries the pulumi login line for its bucket", () => {
    expect(component.loginCommand).toBe(
      "pulumi login 's3://scaleway-infra-state-staging?endpoint=s3.fr-par.scw.cloud&region=fr-par&s3ForcePathStyle=true'",
    );
  });
});
