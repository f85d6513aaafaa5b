// Every call the audit makes to Scaleway's API goes through `callScaleway`: it retries what may pass
// on a second try (429, quota answers, 5xx, a dropped connection) with exponential backoff, a request
// that timed out once only (a silent API would otherwise hold the audit attempts x timeout per
// request), nothing once the audit's deadline has passed, and turns
// what the SDK raises into the InfraError a user can act on, naming the permission set a refusal
// points at. The SDK itself never retries (node_modules/@scaleway/sdk-client/dist/scw/fetch).
import { Errors } from "@scaleway/sdk-client";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import {
  AUDIT_PERMISSION_SETS,
  type AuditedProduct,
} from "@scaleway-infra/contracts/scaleway/facts/audit-permissions";
import { ApiAnswerError } from "./http-client";

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Attempts in all when every failure was a timeout: a silent API is asked twice, not `attempts` times. */
  timeoutAttempts: number;
  /** Delay before the second attempt, doubled for each further one. */
  baseDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 4,
  timeoutAttempts: 2,
  baseDelayMs: 500,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface CallContext {
  product: AuditedProduct;
  /** What was asked, for messages: `list containers in fr-par`. */
  what: string;
  retry: RetryPolicy;
  /** Told about each retry, for the progress display. */
  onRetry?: (message: string) => void;
  /**
   * What a 404 means for this call when it is not an error: a resource listed a moment ago and
   * deleted since (its versions, its ACL rules) has nothing left to read.
   */
  onNotFound?: () => unknown;
}

type Outcome = "retry-quota" | "retry-server" | "retry-network" | "retry-timeout" | "final";

function statusOf(error: unknown): number | undefined {
  return error instanceof Errors.ScalewayError ? error.status : undefined;
}

function classify(error: unknown): Outcome {
  if (error instanceof ApiAnswerError) return error.kind === "timeout" ? "retry-timeout" : "final";
  if (error instanceof Errors.TooManyRequestsError || error instanceof Errors.QuotasExceededError)
    return "retry-quota";
  const status = statusOf(error);
  if (status === 429) return "retry-quota";
  if (status !== undefined && status >= 500) return "retry-server";
  if (status === undefined && error instanceof TypeError) return "retry-network"; // fetch failed
  return "final";
}

export async function callScaleway<T>(context: CallContext, call: () => Promise<T>): Promise<T> {
  let lastError: unknown;
  let attempts = 0;
  let timeouts = 0;
  for (let attempt = 1; attempt <= context.retry.attempts; attempt++) {
    attempts = attempt;
    try {
      return await call();
    } catch (error) {
      lastError = error;
      if (context.onNotFound && (error instanceof Errors.ResourceNotFoundError || statusOf(error) === 404)) {
        return context.onNotFound() as T;
      }
      const outcome = classify(error);
      if (outcome === "retry-timeout") timeouts++;
      if (outcome === "final" || attempt === context.retry.attempts) break;
      if (outcome === "retry-timeout" && timeouts >= context.retry.timeoutAttempts) break;
      const delay = context.retry.baseDelayMs * 2 ** (attempt - 1);
      const left =
        outcome === "retry-timeout"
          ? Math.min(context.retry.attempts, context.retry.timeoutAttempts) - attempt
          : context.retry.attempts - attempt;
      context.onRetry?.(`${context.what}: ${describe(error)}; retry (${left} left) in ${delay} ms`);
      await context.retry.sleep(delay);
    }
  }
  throw toInfraError(lastError, context, attempts);
}

/** The SDK's message, which never holds a credential (the secret key travels only in a header). */
function describe(error: unknown): string {
  if (error instanceof Errors.ScalewayError) return `HTTP ${error.status}: ${error.rawMessage ?? error.name}`;
  return error instanceof Error ? error.message : String(error);
}

export function toInfraError(
  error: unknown,
  context: Pick<CallContext, "product" | "what" | "retry">,
  attempts: number = context.retry.attempts,
): InfraError {
  const permissionSet = AUDIT_PERMISSION_SETS.value[context.product];
  const status = statusOf(error);
  const details = { request: context.what, product: context.product, httpStatus: status };
  const tries = attempts === 1 ? "after 1 attempt" : `after ${attempts} attempts`;
  // Before the status checks: Scaleway answers quota refusals with HTTP 403 too.
  if (classify(error) === "retry-quota") {
    return new InfraError(
      "INFRA_002",
      `Scaleway's rate limit or quota stopped the audit (${context.what}) ${tries}.`,
      {
        details: {
          ...details,
          fix: "Wait a minute and run the audit again, or audit fewer regions at once (--region).",
        },
        cause: error,
      },
    );
  }
  if (error instanceof ApiAnswerError && (error.kind === "timeout" || error.kind === "deadline")) {
    const asked = error.request;
    const where = asked ? `${asked.host} (${asked.method} ${asked.path})` : "Scaleway's API";
    return new InfraError(
      "INFRA_005",
      error.kind === "timeout"
        ? `Scaleway's API did not answer (${context.what}): ${error.message}, ${tries}.`
        : `The audit stopped (${context.what}): ${error.message}.`,
      {
        details: {
          ...details,
          host: asked?.host,
          timedOut: asked ? `${asked.method} ${asked.path}` : undefined,
          fix:
            `Scaleway's API at ${where} is slow or unreachable: check SCW_API_URL and https://status.scaleway.com, then run the audit again; ` +
            "SCW_INFRA_API_TIMEOUT_MS sets the wait per request and SCW_INFRA_AUDIT_DEADLINE_MS the wait for the whole audit (docs/audit.md).",
        },
        cause: error,
      },
    );
  }
  if (error instanceof ApiAnswerError) {
    return new InfraError(
      "INFRA_005",
      `Scaleway's API gave an answer the audit cannot trust (${context.what}): ${error.message}.`,
      {
        details: {
          ...details,
          fix: "Check SCW_API_URL: it must be Scaleway's API (https://api.scaleway.com) or a faithful stand-in.",
        },
        cause: error,
      },
    );
  }
  if (error instanceof Errors.DeniedAuthenticationError || status === 401) {
    return new InfraError(
      "INFRA_003",
      `Scaleway refused the credentials (${context.what}): ${describe(error)}.`,
      {
        details: {
          ...details,
          permissionSet,
          fix: "Check SCW_ACCESS_KEY / SCW_SECRET_KEY (or the profile in ~/.config/scw/config.yaml): the API key may be revoked or expired.",
        },
        cause: error,
      },
    );
  }
  if (error instanceof Errors.PermissionsDeniedError || status === 403) {
    return new InfraError(
      "INFRA_003",
      `Permission denied (${context.what}): the API key lacks the permission set ${permissionSet}.`,
      {
        details: {
          ...details,
          permissionSet,
          fix: `Give the audit's IAM application a policy rule with ${permissionSet} (read-only) on the audited ${context.product === "iam" || context.product === "project" || context.product === "audit-trail" ? "Organization" : "Project"}; see docs/audit.md.`,
        },
        cause: error,
      },
    );
  }
  if (error instanceof Errors.ResourceNotFoundError || status === 404) {
    return new InfraError("INFRA_004", `Not found (${context.what}): ${describe(error)}.`, {
      details: { ...details, fix: "Check --project (or SCW_DEFAULT_PROJECT_ID) and --region." },
      cause: error,
    });
  }
  const outcome = classify(error);
  if (outcome === "retry-server" || outcome === "retry-network" || outcome === "retry-timeout") {
    return new InfraError(
      "INFRA_005",
      `Scaleway's API failed (${context.what}) ${tries}: ${describe(error)}.`,
      {
        details: {
          ...details,
          fix: "Scaleway's API is unavailable; check https://status.scaleway.com and run again.",
        },
        cause: error,
      },
    );
  }
  return new InfraError("INFRA_005", `The audit failed (${context.what}): ${describe(error)}.`, {
    details,
    cause: error,
  });
}
