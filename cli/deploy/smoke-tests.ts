// Smoke tests: HTTP checks per service (path, expected status, optional body substring), taken from
// the deployment request's `smoke_tests` or from the file named by `smoke_tests_file`.
import { joinUrl, probe } from "./http-probe";

export interface SmokeTest {
  service: string;
  path: string;
  /** Default 200. */
  expected_status?: number;
  body_contains?: string;
}

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
