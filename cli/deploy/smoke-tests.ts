// Smoke tests: HTTP checks per service (path, expected status, optional body substring), taken from
// the deployment request's `smoke_tests` or from the file named by `smoke_tests_file`.
import type { SmokeTestSpec } from "@scaleway-infra/contracts/documents/types";
import { joinUrl, probe } from "./http-probe";

/**
 * A smoke test as the workflow runs it: the contract's, with any service name, since a test whose
 * service is wrong is kept to be reported against the request's services (the schema reports it too).
 */
export type SmokeTest = Omit<SmokeTestSpec, "service"> & { service: string };

export interface SmokeResult {
  test: SmokeTest;
  /** Container the test ran against (a copy during blue/green and canary). */
  container: string;
  url: string;
  passed: boolean;
  reason?: string;
}

export async function runSmokeTest(
  test: SmokeTest,
  container: string,
  baseUrl: string,
  timeoutSeconds: number,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<SmokeResult> {
  const url = joinUrl(baseUrl, test.path);
  const expected = test.expected_status ?? 200;
  const result = await probe(url, timeoutSeconds * 1000, headers, signal);
  let reason: string | undefined;
  if (result.status === undefined) reason = result.error ?? "no response";
  else if (result.status !== expected) reason = `HTTP ${result.status}, expected ${expected}`;
  else if (test.body_contains !== undefined && !result.body.includes(test.body_contains)) {
    reason = `body does not contain ${JSON.stringify(test.body_contains)}`;
  }
  return { test, container, url, passed: reason === undefined, ...(reason ? { reason } : {}) };
}

export function describeSmokeFailure(result: SmokeResult): string {
  return `${result.container}: smoke test GET ${result.url} failed: ${result.reason ?? "unknown"}`;
}
