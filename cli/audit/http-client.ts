// The HTTP client the audit hands the SDK in place of plain fetch. The SDK itself follows redirects
// (forwarding X-Auth-Token to wherever they point), waits forever for a silent server, fetches every
// page of a list at once, and reads a list answer without its list as an empty list. This client:
// never follows a redirect, times every request out, stops every request when the audit's overall
// deadline passes, says on the progress channel which request it is still waiting for, bounds how
// many are in flight, and refuses a list answer whose `total_count` or list is missing or
// implausible, so a broken, silent or hostile answer is an error (INFRA_005) instead of resources
// silently gone or a command that never ends.

/** Why the client refused an answer; cli/audit/api-call.ts maps it to an INFRA code. */
export class ApiAnswerError extends Error {
  constructor(
    readonly kind: "redirect" | "shape" | "timeout" | "deadline",
    message: string,
    /** The API host and the request, for the error's details: `api.scaleway.com`, `GET /rdb/...`. */
    readonly request?: { host: string; method: string; path: string },
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
  /** Aborted when the whole audit's deadline passes: every request still waiting ends at once. */
  deadline?: { signal: AbortSignal; ms: number };
  /** Told, every noticeEveryMs, about each request that has not answered yet. */
  onWaiting?: (message: string) => void;
  /** Default: half the timeout, at most 5 s. */
  noticeEveryMs?: number;
}

export const DEFAULT_FETCH_OPTIONS: GuardedFetchOptions = {
  timeoutMs: 20_000,
  maxInFlight: 8,
  maxTotalCount: 10_000,
};

function noticeInterval(options: GuardedFetchOptions): number {
  return options.noticeEveryMs ?? Math.max(50, Math.min(5_000, Math.floor(options.timeoutMs / 2)));
}

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
      const url = new URL(request.url);
      const path = url.pathname;
      const asked = { host: url.host, method: request.method, path };
      const deadline = options.deadline;
      if (deadline?.signal.aborted) throw deadlineError(asked, deadline.ms);
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const signal = deadline ? AbortSignal.any([timeout, deadline.signal]) : timeout;
      const started = Date.now();
      const ticker = options.onWaiting
        ? setInterval(() => {
            const waited = ((Date.now() - started) / 1000).toFixed(1);
            options.onWaiting?.(
              `still waiting for ${asked.host} to answer ${asked.method} ${path} (${waited} s; gives up after ${options.timeoutMs} ms)`,
            );
          }, noticeInterval(options))
        : undefined;
      ticker?.unref();
      let response: Response;
      try {
        response = await fetchImpl(request, { signal });
      } catch (error) {
        const name = (error as { name?: string } | undefined)?.name;
        if (deadline?.signal.aborted) throw deadlineError(asked, deadline.ms);
        if (name === "TimeoutError" || name === "AbortError")
          throw new ApiAnswerError(
            "timeout",
            `${asked.host} did not answer ${asked.method} ${path} within ${options.timeoutMs} ms`,
            asked,
          );
        throw error;
      } finally {
        if (ticker) clearInterval(ticker);
      }
      if (response.status >= 300 && response.status < 400) {
        // Never followed: it would carry the secret key (X-Auth-Token) to wherever it points.
        throw new ApiAnswerError(
          "redirect",
          `${path} answered with a redirect (HTTP ${response.status}), which the audit does not follow`,
          asked,
        );
      }
      await checkListAnswer(response, path, options.maxTotalCount);
      return response;
    });
  return guarded as typeof fetch;
}

function deadlineError(asked: { host: string; method: string; path: string }, ms: number): ApiAnswerError {
  return new ApiAnswerError(
    "deadline",
    `the audit's deadline of ${ms} ms passed while ${asked.host} had not answered ${asked.method} ${asked.path}`,
    asked,
  );
}
