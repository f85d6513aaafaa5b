// The HTTP client the audit hands the SDK in place of plain fetch. The SDK itself follows redirects
// (forwarding X-Auth-Token to wherever they point), waits forever for a silent server, fetches every
// page of a list at once, and reads a list answer without its list as an empty list. This client:
// never follows a redirect, times every request out, bounds how many are in flight, and refuses a
// list answer whose `total_count` or list is missing or implausible, so a broken or hostile answer
// is an error (INFRA_005) instead of resources silently gone.

/** Why the client refused an answer; cli/audit/api-call.ts maps it to an INFRA code. */
export class ApiAnswerError extends Error {
  constructor(
    readonly kind: "redirect" | "shape" | "timeout",
    message: string,
  ) {
    super(message);
    this.name = "ApiAnswerError";
  }
}

export interface GuardedFetchOptions {
  timeoutMs: number;
  maxInFlight: number;
  /** The largest `total_count` believed: a project has far fewer resources of one kind. */
  maxTotalCount: number;
  fetchImpl?: typeof fetch;
}

export const DEFAULT_FETCH_OPTIONS: GuardedFetchOptions = {
  timeoutMs: 30_000,
  maxInFlight: 8,
  maxTotalCount: 10_000,
};

/** Answers that are one object, not a page of a list. */
const SINGLE_OBJECT_PATHS = [/^\/account\/v3\/projects\/[^/]+$/, /\/alert-manager$/];

function semaphore(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

async function checkListAnswer(response: Response, path: string, maxTotalCount: number): Promise<void> {
  if (!response.ok || SINGLE_OBJECT_PATHS.some((p) => p.test(path))) return;
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => undefined);
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new ApiAnswerError("shape", `the answer to ${path} is not a JSON object`);
  }
  const record = body as Record<string, unknown>;
  const total = record.total_count;
  if (typeof total !== "number" || !Number.isSafeInteger(total) || total < 0 || total > maxTotalCount) {
    throw new ApiAnswerError(
      "shape",
      `the answer to ${path} has no plausible total_count (an integer from 0 to ${maxTotalCount})`,
    );
  }
  const lists = Object.values(record).filter(Array.isArray);
  if (lists.length !== 1)
    throw new ApiAnswerError("shape", `the answer to ${path} holds no list of resources`);
  if (lists[0].length > total)
    throw new ApiAnswerError("shape", `the answer to ${path} holds more items than its total_count`);
}

export function guardedFetch(options: GuardedFetchOptions = DEFAULT_FETCH_OPTIONS): typeof fetch {
  const limit = semaphore(options.maxInFlight);
  const fetchImpl = options.fetchImpl ?? fetch;
  const guarded = (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> =>
    limit(async () => {
      const request = new Request(input, { ...init, redirect: "manual" });
      const path = new URL(request.url).pathname;
      let response: Response;
      try {
        response = await fetchImpl(request, { signal: AbortSignal.timeout(options.timeoutMs) });
      } catch (error) {
        const name = (error as { name?: string } | undefined)?.name;
        if (name === "TimeoutError" || name === "AbortError")
          throw new ApiAnswerError("timeout", `no answer to ${path} within ${options.timeoutMs} ms`);
        throw error;
      }
      if (response.status >= 300 && response.status < 400) {
        // Never followed: it would carry the secret key (X-Auth-Token) to wherever it points.
        throw new ApiAnswerError(
          "redirect",
          `${path} answered with a redirect (HTTP ${response.status}), which the audit does not follow`,
        );
      }
      await checkListAnswer(response, path, options.maxTotalCount);
      return response;
    });
  return guarded as typeof fetch;
}
