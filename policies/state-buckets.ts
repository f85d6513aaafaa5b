// State bucket policies (STA-4, SECU-4) on Object Storage buckets tagged as Pulumi state buckets
// (tag STATE_BUCKET_TAG = STATE_BUCKET_TAG_VALUE; bucket tags are a key/value map). Input names are
// those of BucketArgs, BucketAclArgs and BucketServerSideEncryptionConfigurationArgs in
// @pulumiverse/scaleway/object/*.d.ts: versioning.enabled, acl, tags; bucket; rules[].
// applyServerSideEncryptionByDefault.sseAlgorithm.
import {
  STATE_BUCKET_NAME_PATTERN,
  STATE_BUCKET_TAG,
  STATE_BUCKET_TAG_VALUE,
  STATE_ENCRYPTION_ALGORITHMS,
} from "@scaleway-infra/contracts/thresholds";
import { resourcePolicy, stackPolicy, type ContractPolicy, type ContractResourcePolicy } from "./metadata";
import type { PolicyResource } from "./policy-types";
import { arrayProp, objectProp, outputsOf, stringProp, tagValue, tagsOf } from "./resource-context";
import { isKind, type InputsOf } from "./resource-types";

const PRIVATE_ACL = "private";

const STATE_BUCKET_NAME = new RegExp(STATE_BUCKET_NAME_PATTERN, "i");

/** Tagged as a state bucket, or named like one (STATE_BUCKET_NAME_PATTERN). */
function isStateBucket(props: InputsOf<"objectBucket">): boolean {
  if (tagValue(tagsOf(props), STATE_BUCKET_TAG) === STATE_BUCKET_TAG_VALUE) return true;
  const name = stringProp(props, "name");
  return name !== undefined && STATE_BUCKET_NAME.test(name);
}

export const stateBucketVersionedPrivate: ContractResourcePolicy = resourcePolicy({
  name: "state-bucket-versioned-private",
  description: "Every Pulumi state bucket keeps object versions and is private.",
  ruleIds: ["STA-4", "SECU-4"],
  severity: "critical",
  remediationSteps:
    'On the state bucket set `versioning: { enabled: true }` and `acl: "private"` (or leave `acl` unset, which is private).',
  kinds: ["objectBucket"],
  validate: (props, args, report) => {
    if (!isStateBucket(props))
      args.notApplicable(
        `The bucket is not tagged ${STATE_BUCKET_TAG}=${STATE_BUCKET_TAG_VALUE} and its name is not a state bucket's`,
      );
    const versioning = objectProp(props, "versioning");
    if (versioning?.enabled !== true) {
      report(
        "versioning is off on the state bucket; set `versioning: { enabled: true }` so an overwritten state can be recovered.",
      );
    }
    const acl = stringProp(props, "acl");
    if (acl !== undefined && acl !== PRIVATE_ACL) {
      report(`\`acl\` is "${acl}" on the state bucket; set it to "private".`);
    }
  },
});

/** True when `resource` configures `bucket`: it depends on the bucket, or names it. */
function concernsBucket(resource: PolicyResource, bucket: PolicyResource): boolean {
  if (resource.dependencies.some((d) => d.urn === bucket.urn)) return true;
  if ((resource.propertyDependencies.bucket ?? []).some((d) => d.urn === bucket.urn)) return true;
  const bucketProps = outputsOf(bucket, "objectBucket");
  const name = bucketProps && stringProp(bucketProps, "name");
  const configured =
    outputsOf(resource, "objectBucketEncryption") ?? outputsOf(resource, "objectBucketAcl") ?? undefined;
  return name !== undefined && configured !== undefined && stringProp(configured, "bucket") === name;
}

function sseAlgorithms(resource: PolicyResource): string[] {
  const encryption = outputsOf(resource, "objectBucketEncryption");
  if (!encryption) return [];
  return arrayProp(encryption, "rules").flatMap((rule) => {
    const fields = rule && typeof rule === "object" ? rule : {};
    const byDefault = objectProp(fields, "applyServerSideEncryptionByDefault");
    const algorithm = byDefault ? stringProp(byDefault, "sseAlgorithm") : undefined;
    return algorithm === undefined ? [] : [algorithm];
  });
}

export const stateBucketEncrypted = stackPolicy({
  name: "state-bucket-encrypted",
  description: "Every Pulumi state bucket encrypts objects server-side and has no public ACL attached.",
  ruleIds: ["STA-4", "SECU-4"],
  severity: "critical",
  remediationSteps: `Declare an object.BucketServerSideEncryptionConfiguration for the state bucket with \`rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "${STATE_ENCRYPTION_ALGORITHMS[0]}" } }]\`, and remove any object.BucketAcl that is not private.`,
  validate: (args, report) => {
    const buckets = args.resources.filter((r) => {
      const bucket = outputsOf(r, "objectBucket");
      return bucket !== undefined && isStateBucket(bucket);
    });
    if (buckets.length === 0) args.notApplicable("The stack has no state bucket");
    const encryptions = args.resources.filter((r) => isKind(r.type, "objectBucketEncryption"));
    const acls = args.resources.filter((r) => isKind(r.type, "objectBucketAcl"));
    for (const bucket of buckets) {
      const algorithms = encryptions.filter((e) => concernsBucket(e, bucket)).flatMap(sseAlgorithms);
      if (!algorithms.some((a) => (STATE_ENCRYPTION_ALGORITHMS as readonly string[]).includes(a))) {
        report(
          `state bucket ${bucket.name} has no server-side encryption with ${STATE_ENCRYPTION_ALGORITHMS.join(" or ")}; ` +
            "declare an object.BucketServerSideEncryptionConfiguration for it.",
          bucket.urn,
        );
      }
      for (const acl of acls.filter((a) => concernsBucket(a, bucket))) {
        const aclProps = outputsOf(acl, "objectBucketAcl");
        const value = aclProps && stringProp(aclProps, "acl");
        if (value !== undefined && value !== PRIVATE_ACL) {
          report(
            `object.BucketAcl ${acl.name} sets "${value}" on state bucket ${bucket.name}; set it to "private".`,
            acl.urn,
          );
        }
      }
    }
  },
});

export const stateBucketPolicies: readonly ContractPolicy[] = [
  stateBucketVersionedPrivate,
  stateBucketEncrypted,
];
