// Health checks against real servers on 127.0.0.1: 200 within the timeout passes, retries every
// interval, and gives up once the rollback timeout is spent.
import { probeHealthOnce, waitUntilHealthy } from "../../cli/deploy/health-check";
import { ContainerServers, startContainerServers } from "./support/container-servers";

let servers: ContainerServers;
beforeAll(async () => {
  servers = await startContainerServers();
});
afterAll(async () => {
  await servers.close();
});

const timing = { path: "/health", intervalSeconds: 0.05, timeoutSeconds: 0.2 };

describe("waitUntilHealthy", () => {
  it("passes a healthy service on the first attempt", async () => {
    const result = await waitUntilHealthy(
      { name: "documentation", url: servers.url("healthy"), ...timing },
      1,
    );
    expect(result).toMatchObject({ healthy: true, attempts: 1, lastStatus: 200 });
  });

  it("passes a flapping service once an attempt answers 200", async () => {
    const result = await waitUntilHealthy(
      { name: "documentation", url: `${servers.url("flapping")}/flap-a`, ...timing },
      1,
    );
    expect(result.healthy).toBe(true);
    expect(result.attempts).toBeGreaterThanOrEqual(2);
  });

  it("fails a service answering 503 after retrying for the whole budget and no longer", async () => {
    const result = await waitUntilHealthy(
      { name: "documentation", url: servers.url("failing"), ...timing },
      0.5,
    );
    expect(result).toMatchObject({ healthy: false, lastStatus: 503, lastError: "HTTP 503" });
    expect(result.attempts).toBeGreaterThan(3);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(400);
    expect(result.elapsedMs).toBeLessThan(900);
  });

  it("fails a service slower than health.timeout, each attempt cut at the timeout or the budget left", async () => {
    const errors: Array<string | undefined> = [];
    const result = await waitUntilHealthy(
      { name: "documentation", url: servers.url("slow"), ...timing },
      0.6,
      (_n, _s, error) => errors.push(error),
    );
    expect(result.healthy).toBe(false);
    expect(errors[0]).toBe("no response within 200 ms");
    expect(result.attempts).toBeGreaterThanOrEqual(2);
    expect(result.elapsedMs).toBeLessThan(1200);
  });

  it("fails a service nobody listens on", async () => {
    const result = await waitUntilHealthy(
      { name: "documentation", url: "http://127.0.0.1:9", ...timing },
      0.2,
    );
    expect(result).toMatchObject({ healthy: false, lastError: "ECONNREFUSED" });
  });

  it("checks the service's health path, not the root", async () => {
    await waitUntilHealthy(
      { name: "runners", url: `${servers.url("healthy")}/runners`, ...timing, path: "/ready/health" },
      1,
    );
    expect(servers.requests("healthy")).toContain("GET /runners/ready/health");
  });
});

describe("probeHealthOnce", () => {
  it("counts a single 503 as unhealthy, without retrying", async () => {
    const before = servers.requests("failing").length;
    const result = await probeHealthOnce({ name: "documentation", url: servers.url("failing"), ...timing });
    expect(result).toMatchObject({ healthy: false, attempts: 1 });
    expect(servers.requests("failing").length).toBe(before + 1);
  });
});
