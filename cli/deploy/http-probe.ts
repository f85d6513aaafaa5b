// One HTTP GET with a hard deadline, for health checks and smoke tests. Uses node:http(s) with no
// keep-alive agent, so that a probe never leaves a socket open behind it.
import * as http from "node:http";
import * as https from "node:https";

export interface ProbeResult {
  /** HTTP status, or undefined when no response arrived in time. */
  status?: number;
  /** The start of the body (at most MAX_BODY_BYTES), for smoke tests' substring checks. */
  body: string;
  /** Why no status: `timeout after 500 ms`, `ECONNREFUSED`, ... */
  error?: string;
  elapsedMs: number;
}

const MAX_BODY_BYTES = 64 * 1024;

/**
 * A Scaleway container token, sent as X-Auth-Token with every health probe and smoke test, so that
 * private containers (networking.privacy: private) can be checked. Never written to any log.
 */
export const PROBE_TOKEN_ENV = "SCW_INFRA_PROBE_TOKEN";

export function probeHeaders(env: NodeJS.ProcessEnv): Record<string, string> {
  const token = env[PROBE_TOKEN_ENV];
  return token ? { "x-auth-token": token } : {};
}

/**
 * `headers` carries e.g. the X-Auth-Token a private Serverless Container requires. An aborted
 * `signal` (an interrupt) ends the probe at once, with no status.
 */
export function probe(
  url: string,
  timeoutMs: number,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<ProbeResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    // Set once the request starts; an abort or an invalid URL can finish the probe before that.
    const pending: { timer?: NodeJS.Timeout; request?: http.ClientRequest } = {};
    const finish = (result: Omit<ProbeResult, "elapsedMs">): void => {
      if (settled) return;
      settled = true;
      clearTimeout(pending.timer);
      signal?.removeEventListener("abort", onAbort);
      resolve({ ...result, elapsedMs: Date.now() - started });
    };
    const onAbort = (): void => {
      finish({ body: "", error: "interrupted" });
      pending.request?.destroy();
    };
    if (signal?.aborted) {
      finish({ body: "", error: "interrupted" });
      return;
    }
    signal?.addEventListener("abort", onAbort, { once: true });
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      finish({ body: "", error: `invalid URL ${url}` });
      return;
    }
    const client = target.protocol === "https:" ? https : http;
    const request = client.get(
      target,
      { agent: false, headers: { "user-agent": "scw-infra-deploy", ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size < MAX_BODY_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        response.on("end", () =>
          finish({
            status: response.statusCode,
            body: Buffer.concat(chunks).toString("utf8").slice(0, MAX_BODY_BYTES),
          }),
        );
        response.on("error", (error) =>
          finish({ status: response.statusCode, body: "", error: error.message }),
        );
      },
    );
    pending.request = request;
    pending.timer = setTimeout(() => {
      finish({ body: "", error: `no response within ${timeoutMs} ms` });
      request.destroy();
    }, timeoutMs);
    request.on("error", (error: NodeJS.ErrnoException) =>
      finish({ body: "", error: error.code ?? error.message }),
    );
  });
}

/** Resolves after `ms`, or at once when `signal` is aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** `https://x.functions.fnc.fr-par.scw.cloud` + `/health` */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}${path.startsWith("/") ? path : `/${path}`}`;
}
