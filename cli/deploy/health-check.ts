// Health checks of deployed containers (CTR-5, PERF-2): GET <url><health.path> must answer HTTP 200
// within health.timeout; a failed attempt is retried every health.interval, for at most the
// request's rollback.timeout in all. Flapping services pass as soon as one attempt is healthy.
import { joinUrl, probe, sleep } from "./http-probe";

export interface HealthTarget {
  /** Container name: the service, or its copy (`documentation-green`). */
  name: string;
  url: string;
  path: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  /** Sent with every probe (a private container's X-Auth-Token). */
  headers?: Record<string, string>;
}

export interface HealthResult {
  name: string;
  url: string;
  healthy: boolean;
  attempts: number;
  lastStatus?: number;
  lastError?: string;
  elapsedMs: number;
}

export async function waitUntilHealthy(
  target: HealthTarget,
  budgetSeconds: number,
  onAttempt?: (attempt: number, status: number | undefined, error: string | undefined) => void,
  signal?: AbortSignal,
): Promise<HealthResult> {
  const started = Date.now();
  const deadline = started + budgetSeconds * 1000;
  const url = joinUrl(target.url, target.path);
  let attempts = 0;
  let lastStatus: number | undefined;
  let lastError: string | undefined;
  for (;;) {
    attempts += 1;
    const remaining = deadline - Date.now();
    const result = await probe(
      url,
      Math.max(1, Math.min(target.timeoutSeconds * 1000, remaining)),
      target.headers,
      signal,
    );
    lastStatus = result.status;
    lastError = result.error ?? (result.status === 200 ? undefined : `HTTP ${result.status}`);
    onAttempt?.(attempts, result.status, lastError);
    if (result.status === 200) {
      return { name: target.name, url, healthy: true, attempts, lastStatus, elapsedMs: Date.now() - started };
    }
    // An interrupt ends the retries at once; the caller reports it as such, not as unhealthy.
    if (signal?.aborted || Date.now() + target.intervalSeconds * 1000 >= deadline) break;
    await sleep(target.intervalSeconds * 1000, signal);
    if (signal?.aborted) break;
    // A sleep that overran the deadline (a loaded machine) leaves no budget for another attempt:
    // stop with the last answer, rather than replace it with the timeout of a 1 ms attempt.
    if (Date.now() >= deadline) break;
  }
  return {
    name: target.name,
    url,
    healthy: false,
    attempts,
    lastStatus,
    lastError,
    elapsedMs: Date.now() - started,
  };
}

export function describeHealthFailure(result: HealthResult, budgetSeconds: number): string {
  return (
    `${result.name}: GET ${result.url} did not answer HTTP 200 within ${budgetSeconds} s ` +
    `(${result.attempts} attempts, last: ${result.lastError ?? `HTTP ${result.lastStatus}`})`
  );
}

/** A single probe, for the canary observation window, where one failed probe already counts. */
export async function probeHealthOnce(target: HealthTarget, signal?: AbortSignal): Promise<HealthResult> {
  const url = joinUrl(target.url, target.path);
  const result = await probe(url, target.timeoutSeconds * 1000, target.headers, signal);
  const healthy = result.status === 200;
  return {
    name: target.name,
    url,
    healthy,
    attempts: 1,
    lastStatus: result.status,
    ...(healthy ? {} : { lastError: result.error ?? `HTTP ${result.status}` }),
    elapsedMs: result.elapsedMs,
  };
}
