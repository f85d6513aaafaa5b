// SIGINT and SIGTERM during a deployment. The first signal aborts `signal`: health checks, smoke tests
// and the backup wait stop at once, the running Pulumi operation is asked to stop (the Automation API
// sends it SIGINT), and the workflow rolls back as the request says, restores the stack config,
// answers with the interrupt in `errors` and releases the lock. A second signal runs the force
// handlers (restore the stack config, release the lock), bounded in time, then exits 128 + signal.
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";

export type InterruptSignal = "SIGINT" | "SIGTERM";
const SIGNALS: readonly InterruptSignal[] = ["SIGINT", "SIGTERM"];
const SIGNAL_NUMBERS: Record<InterruptSignal, number> = { SIGINT: 2, SIGTERM: 15 };
/** How long the force handlers of a second signal may take before the process exits anyway. */
export const FORCE_EXIT_BUDGET_MS = 5000;

export interface Interrupts {
  /** Aborted at the first signal; its reason is the signal's name. */
  readonly signal: AbortSignal;
  /** Runs on a second signal, before the process exits; returns a function that unregisters it. */
  onForce(handler: () => Promise<void> | void): () => void;
}

export interface InterruptListener extends Interrupts {
  dispose(): void;
}

export interface InterruptEnvironment {
  on(event: InterruptSignal, listener: () => void): void;
  removeListener(event: InterruptSignal, listener: () => void): void;
  exit(code: number): void;
  stderr(text: string): void;
}

/** An InfraError for a deployment step stopped by an interrupt. */
export function interruptedError(signal: AbortSignal, step: string): InfraError {
  const name = typeof signal.reason === "string" ? signal.reason : "an interrupt";
  return new InfraError("INFRA_005", `Deployment interrupted by ${name} during ${step}.`, {
    details: {
      interrupt: name,
      step,
      fix: "Deploy again when ready; the interrupted deployment was rolled back as the request asks.",
    },
  });
}

export function throwIfInterrupted(signal: AbortSignal | undefined, step: string): void {
  if (signal?.aborted) throw interruptedError(signal, step);
}

export function listenForInterrupts(environment: InterruptEnvironment): InterruptListener {
  const controller = new AbortController();
  const handlers = new Set<() => Promise<void> | void>();
  let forcing = false;
  const listeners = SIGNALS.map((name) => {
    const listener = (): void => {
      if (!controller.signal.aborted) {
        environment.stderr(
          `scw-infra deploy: ${name} received: stopping checks, cancelling the running update and rolling back (a second signal exits at once, after restoring the stack config and releasing the lock)\n`,
        );
        controller.abort(name);
        return;
      }
      if (forcing) return;
      forcing = true;
      environment.stderr(
        `scw-infra deploy: second ${name}: restoring the stack config, releasing the lock, exiting\n`,
      );
      const code = 128 + SIGNAL_NUMBERS[name];
      const timer = setTimeout(() => environment.exit(code), FORCE_EXIT_BUDGET_MS);
      void Promise.allSettled([...handlers].map(async (handler) => handler())).then(() => {
        clearTimeout(timer);
        environment.exit(code);
      });
    };
    environment.on(name, listener);
    return { name, listener };
  });
  return {
    signal: controller.signal,
    onForce(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    dispose() {
      for (const { name, listener } of listeners) environment.removeListener(name, listener);
    },
  };
}
