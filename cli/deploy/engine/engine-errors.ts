// Turns what the Pulumi Automation API throws into InfraErrors with the right INFRA code (ERR-2):
// a concurrent update is a state lock conflict (INFRA_008), a missing stack or CLI is "not found"
// (INFRA_004), a quota or limit Scaleway refuses is "resource limit exceeded" (INFRA_002), a refused
// credential is "permission denied" (INFRA_003), anything else is a failed deployment (INFRA_005). The checks go by error class first and fall back to the CLI's words.
import { ConcurrentUpdateError, StackNotFoundError } from "@pulumi/pulumi/automation";
import { InfraCode, InfraError } from "@scaleway-infra/contracts/errors/infra-error";

const PERMISSION_WORDS =
  /\b(AccessDenied|access denied|permission denied|forbidden|403|unauthori[sz]ed|401|InvalidAccessKeyId|SignatureDoesNotMatch)\b/i;
/**
 * Scaleway answers a quota it refuses with HTTP 403 and `"type": "quotas_exceeded"`; its SDKs print it
 * as `quota(s) exceeded: ...` (scaleway-sdk-go QuotasExceededError, scaleway-sdk-js
 * parseScalewayError). Checked before the permission words, which a bare 403 would match. Object
 * Storage's own limits (S3 error codes TooManyBuckets, EntityTooLarge) are limits too.
 */
const QUOTA_WORDS =
  /(quota\(s\) exceeded|quotas?_exceeded|quotas? exceeded|QuotaExceeded|\blimit exceeded\b|LimitExceeded|TooManyBuckets|EntityTooLarge|resource_exhausted)/i;
const NOT_FOUND_WORDS =
  /\b(no stack named|stack .* not found|NoSuchBucket|ENOENT|command not found|could not find|does not exist|404)\b/i;
const LOCK_WORDS =
  /\b(conflict: Another update is currently in progress|currently being updated|the stack is currently locked|lock file)\b/i;

export function engineErrorCode(error: unknown): InfraCode {
  if (error instanceof InfraError) return error.code;
  if (error instanceof ConcurrentUpdateError) return "INFRA_008";
  if (error instanceof StackNotFoundError) return "INFRA_004";
  const text = error instanceof Error ? error.message : String(error);
  if (LOCK_WORDS.test(text)) return "INFRA_008";
  if (QUOTA_WORDS.test(text)) return "INFRA_002";
  if (PERMISSION_WORDS.test(text)) return "INFRA_003";
  if (NOT_FOUND_WORDS.test(text)) return "INFRA_004";
  return "INFRA_005";
}

const FIXES: Record<InfraCode, string> = {
  INFRA_001: "Correct the configuration named in the message.",
  INFRA_002:
    "Lower the request (instances, resources) or raise the quota in the Scaleway console (Organization > Quotas), then deploy again.",
  INFRA_003:
    "Check SCW_ACCESS_KEY/SCW_SECRET_KEY (and AWS_* for the S3 state backend) and their IAM permission sets.",
  INFRA_004:
    "Check that the Pulumi CLI is on PATH, that `pulumi login` points at the state backend and that the stack exists (`pulumi stack ls`).",
  INFRA_005: "Read the engine output in the deployment log, fix the cause and deploy again.",
  INFRA_006: "Check the service's logs in Cockpit and its health path.",
  INFRA_007: "Check the database backup settings.",
  INFRA_008:
    "Wait for the other update to finish; if none runs, `pulumi cancel` (or remove the stale lock) and retry.",
};

/** The Automation API runs `pulumi version` first; ENOENT there means no CLI on PATH. */
const MISSING_CLI = /ENOENT:? pulumi\b/;

/** Wraps an engine failure of `operation` (e.g. `up`) as an InfraError. */
export function toEngineInfraError(error: unknown, operation: string, stack: string): InfraError {
  if (error instanceof InfraError) return error;
  if (MISSING_CLI.test(error instanceof Error ? error.message : String(error))) {
    return new InfraError(
      "INFRA_004",
      "The Pulumi CLI was not found on PATH: `scw-infra deploy` drives it.",
      {
        details: {
          operation,
          stack,
          fix: "Install the Pulumi CLI (>= 3.248, see docs/real-engine.md) and run `pulumi login` to the state backend.",
        },
        cause: error,
      },
    );
  }
  const code = engineErrorCode(error);
  const text = error instanceof Error ? error.message : String(error);
  // The CLI's output is long: its `error:` lines name the problem (else its first lines); the
  // deployment log keeps all of it.
  const lines = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const errorLines = [...new Set(lines.filter((line) => /\berror:/i.test(line)))];
  const summary = (errorLines.length > 0 ? errorLines : lines).slice(0, 6).join(" | ").slice(0, 800);
  return new InfraError(code, `pulumi ${operation} on stack "${stack}" failed: ${summary}`, {
    details: { operation, stack, fix: FIXES[code] },
    cause: error,
  });
}
