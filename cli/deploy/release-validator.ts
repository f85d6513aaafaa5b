// Validation of deployed containers, as the request's `validation` asks: health checks (CTR-5,
// PERF-2) retried within rollback.timeout, smoke tests, and the canary's observation rounds. Every
// failure is an InfraError: INFRA_006 for health, INFRA_005 for smoke tests. Results are recorded in
// the per-service states the response is built from.
import type {
  ContainerSpec,
  DeploymentRequest,
  DeploymentServiceStatus,
} from "@scaleway-infra/contracts/documents/types";
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import { HealthTarget, describeHealthFailure, probeHealthOnce, waitUntilHealthy } from "./health-check";
import { sleep } from "./http-probe";
import { throwIfInterrupted } from "./interrupts";
import type { Progress } from "./progress";
import { SmokeTest, describeSmokeFailure, runSmokeTest } from "./smoke-tests";
import type { ValidationTarget } from "./strategies/context";

export interface ReleaseValidatorOptions {
  request: DeploymentRequest;
  services: ContainerSpec[];
  smokeTests: SmokeTest[];
  observationWindowSeconds: number;
  progress: Progress;
  /** Sent with every probe (a private container's X-Auth-Token). */
  headers: Record<string, string>;
  states: Map<string, DeploymentServiceStatus>;
  /** The URL of a container, from the stack outputs of the last update. */
  urlOf: (container: string) => string;
  /** Aborted on an interrupt: every probe and wait stops at once. */
  signal?: AbortSignal;
}

export class ReleaseValidator {
  constructor(private readonly options: ReleaseValidatorOptions) {}

  /** Health checks then smoke tests, each only when the request asks for it. */
  async validate(targets: ValidationTarget[], label: string): Promise<void> {
    const { validation } = this.options.request;
    if (validation.health_checks) await this.checkHealth(targets, label);
    if (validation.smoke_tests) await this.runSmokeTests(targets, label);
  }

  async checkHealth(targets: ValidationTarget[], label: string, signal = this.options.signal): Promise<void> {
    const { request, progress, states } = this.options;
    throwIfInterrupted(signal, `health checks (${label})`);
    const results = await Promise.all(
      targets.map((target) =>
        waitUntilHealthy(
          this.healthTarget(target),
          request.rollback.timeout,
          (attempt, status, error) =>
            progress.log.write("health_attempt", {
              container: target.container,
              attempt,
              status: status ?? null,
              error: error ?? null,
            }),
          signal,
        ),
      ),
    );
    // Stopped by an interrupt: the results say nothing about the release.
    throwIfInterrupted(signal, `health checks (${label})`);
    for (const [index, result] of results.entries()) {
      const target = targets[index];
      const state = states.get(target.service);
      if (state) state.health = result.healthy ? "healthy" : "unhealthy";
      progress.service(
        target.container,
        `health ${result.healthy ? "healthy" : "UNHEALTHY"} after ${result.attempts} attempt(s), ${result.elapsedMs} ms (${label})`,
        { result: { ...result } },
      );
    }
    const failed = results.filter((result) => !result.healthy);
    if (failed.length > 0) {
      throw new InfraError(
        "INFRA_006",
        failed.map((result) => describeHealthFailure(result, request.rollback.timeout)).join("; "),
        { details: { rule: "CTR-5", step: label, containers: failed.map((result) => result.name) } },
      );
    }
  }

  async runSmokeTests(targets: ValidationTarget[], label: string): Promise<void> {
    const { smokeTests, progress, headers, urlOf, signal } = this.options;
    throwIfInterrupted(signal, `smoke tests (${label})`);
    const results = await Promise.all(
      targets.flatMap((target) =>
        smokeTests
          .filter((test) => test.service === target.service)
          .map((test) =>
            runSmokeTest(
              test,
              target.container,
              urlOf(target.container),
              this.specOf(target.service).health.timeout,
              headers,
              signal,
            ),
          ),
      ),
    );
    throwIfInterrupted(signal, `smoke tests (${label})`);
    for (const result of results) {
      progress.service(
        result.container,
        `smoke ${result.passed ? "passed" : "FAILED"} GET ${result.test.path}${result.reason ? `: ${result.reason}` : ""} (${label})`,
      );
    }
    const failed = results.filter((result) => !result.passed);
    if (failed.length > 0) {
      throw new InfraError("INFRA_005", failed.map(describeSmokeFailure).join("; "), {
        details: { step: label, containers: [...new Set(failed.map((result) => result.container))] },
      });
    }
  }

  /**
   * Canary observation: rounds every health.interval over the observation window, each one health
   * probe per container (a single failed probe fails the canary) and the smoke tests. At least one round.
   */
  async observe(targets: ValidationTarget[]): Promise<void> {
    const { request, observationWindowSeconds, progress } = this.options;
    if (!request.validation.health_checks && !request.validation.smoke_tests) return;
    const windowMs = observationWindowSeconds * 1000;
    const intervalMs = Math.min(...targets.map((t) => this.specOf(t.service).health.interval)) * 1000;
    const started = Date.now();
    let round = 0;
    const { signal } = this.options;
    do {
      if (round > 0) await sleep(Math.min(intervalMs, windowMs - (Date.now() - started)), signal);
      throwIfInterrupted(signal, "the canary observation window");
      round += 1;
      const elapsed = Math.round((Date.now() - started) / 100) / 10;
      progress.step("observe", `round ${round} (${elapsed} s of ${observationWindowSeconds} s)`);
      if (request.validation.health_checks) {
        for (const target of targets) {
          const result = await probeHealthOnce(this.healthTarget(target), signal);
          throwIfInterrupted(signal, "the canary observation window");
          if (!result.healthy) {
            throw new InfraError(
              "INFRA_006",
              `${target.container}: GET ${result.url} failed during the canary observation window (round ${round}): ${result.lastError ?? "unhealthy"}`,
              { details: { rule: "CTR-5", step: "observe", container: target.container } },
            );
          }
        }
      }
      if (request.validation.smoke_tests) await this.runSmokeTests(targets, `observation round ${round}`);
    } while (Date.now() - started < windowMs);
  }

  private healthTarget(target: ValidationTarget): HealthTarget {
    const { health } = this.specOf(target.service);
    return {
      name: target.container,
      url: this.options.urlOf(target.container),
      path: health.path,
      intervalSeconds: health.interval,
      timeoutSeconds: health.timeout,
      headers: this.options.headers,
    };
  }

  private specOf(service: string): ContainerSpec {
    const spec = this.options.services.find((candidate) => candidate.name === service);
    if (!spec) throw new Error(`internal: ${service} is not a requested service`);
    return spec;
  }
}
