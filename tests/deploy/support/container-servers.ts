// Real HTTP servers on 127.0.0.1 standing in for deployed containers. Each behaves one way on every
// path: healthy, slow (answers after the probe's timeout), failing (503), flapping (503 and 200 in
// turn), smoke-broken (healthy on /health, 500 on the API), private (403 without the container
// token). The in-memory engine points each container at the server of its image's version, so a
// release "is" broken or not.
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export type Behaviour = "healthy" | "slow" | "failing" | "flapping" | "smoke-broken" | "private";
export const BEHAVIOURS: readonly Behaviour[] = [
  "healthy",
  "slow",
  "failing",
  "flapping",
  "smoke-broken",
  "private",
];
/** The token the private server accepts in X-Auth-Token, like a private Serverless Container. */
export const PRIVATE_TOKEN = "container-token-for-tests";
/** How long the slow server takes; probes in tests time out well before. */
export const SLOW_DELAY_MS = 3000;

export interface ContainerServers {
  url(behaviour: Behaviour): string;
  /** Requests each server received, as `METHOD path`. */
  requests(behaviour: Behaviour): string[];
  close(): Promise<void>;
}

function handlerFor(behaviour: Behaviour, seen: string[]): http.RequestListener {
  let flap = 0;
  return (request, response) => {
    seen.push(`${request.method} ${request.url}`);
    const isHealth = (request.url ?? "").endsWith("/health");
    const answer = (status: number, body: string): void => {
      response.writeHead(status, { "content-type": "text/plain", connection: "close" });
      response.end(body);
    };
    switch (behaviour) {
      case "healthy":
        return answer(200, isHealth ? "ok" : "release ok");
      case "failing":
        return answer(503, "unavailable");
      case "flapping":
        flap += 1;
        return flap % 2 === 1 ? answer(503, "flap") : answer(200, isHealth ? "ok" : "release ok");
      case "private":
        return request.headers["x-auth-token"] === PRIVATE_TOKEN
          ? answer(200, isHealth ? "ok" : "release ok")
          : answer(403, "missing or invalid X-Auth-Token");
      case "smoke-broken":
        return isHealth ? answer(200, "ok") : answer(500, "internal error");
      case "slow": {
        const timer = setTimeout(() => answer(200, "ok, but late"), SLOW_DELAY_MS);
        request.on("close", () => clearTimeout(timer));
        return;
      }
    }
  };
}

export async function startContainerServers(): Promise<ContainerServers> {
  const servers = new Map<Behaviour, { server: http.Server; url: string; seen: string[] }>();
  for (const behaviour of BEHAVIOURS) {
    const seen: string[] = [];
    const server = http.createServer(handlerFor(behaviour, seen));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    servers.set(behaviour, { server, url: `http://127.0.0.1:${port}`, seen });
  }
  return {
    url: (behaviour) => (servers.get(behaviour) as { url: string }).url,
    requests: (behaviour) => [...(servers.get(behaviour) as { seen: string[] }).seen],
    async close() {
      await Promise.all(
        [...servers.values()].map(
          ({ server }) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}
