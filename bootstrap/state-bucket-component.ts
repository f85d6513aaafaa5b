// StateBucket: the Object Storage bucket of one environment's Pulumi state, with versioning, a
// lifecycle rule for old versions, SSE (AES256) and a private ACL (STA-4, SECU-4). Every child has
// `parent: this`; the decisions are made in state-bucket.ts.
import * as pulumi from "@pulumi/pulumi";
import * as scaleway from "@pulumiverse/scaleway";
import type { StateBucketPlan } from "./state-bucket";

export class StateBucket extends pulumi.ComponentResource {
  readonly bucket: scaleway.object.Bucket;
  readonly acl: scaleway.object.BucketAcl;
  readonly encryption: scaleway.object.BucketServerSideEncryptionConfiguration;
  readonly loginCommand: string;

  constructor(name: string, plan: StateBucketPlan, opts?: pulumi.ComponentResourceOptions) {
    super("scaleway-infra-bootstrap:state:StateBucket", name, {}, opts);
    const common = { region: plan.region, projectId: plan.projectId };
    this.bucket = new scaleway.object.Bucket(
      name,
      {
        ...common,
        name: plan.bucket,
        versioning: { enabled: true },
        tags: plan.tags,
        lifecycleRules: [
          {
            id: "expire-noncurrent-state-versions",
            enabled: true,
            noncurrentVersionExpiration: { noncurrentDays: plan.lifecycle.noncurrentVersionDays },
            abortIncompleteMultipartUploadDays: plan.lifecycle.abortIncompleteMultipartUploadDays,
          },
        ],
      },
      // State outlives any update: the bucket is never deleted by Pulumi.
      { parent: this, protect: true },
    );
    this.acl = new scaleway.object.BucketAcl(
      `${name}-acl`,
      { ...common, bucket: this.bucket.name, acl: plan.acl },
      { parent: this },
    );
    this.encryption = new scaleway.object.BucketServerSideEncryptionConfiguration(
      `${name}-sse`,
      {
        ...common,
        bucket: this.bucket.name,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: plan.sseAlgorithm } }],
      },
      { parent: this },
    );
    this.loginCommand = plan.loginCommand;
    this.registerOutputs({ bucket: this.bucket.name, loginCommand: this.loginCommand });
  }
}
