// InfraError: the one error type a user can cause. It carries an INFRA code (ERR-2) and renders the
// seed's error_response (ERR-1), which the CLI prints and the exit code is derived from.
import { randomUUID } from "node:crypto";
import type { ErrorResponse } from "../documents/contract-types.generated";
import { escapeInvisible } from "./shown-value";

export const INFRA_CODES = {
  INFRA_001: "Invalid configuration",
  INFRA_002: "Resource limit exceeded",
  INFRA_003: "Permission denied",
  INFRA_004: "Resource not found",
  INFRA_005: "Deployment failed",
  INFRA_006: "Health check failed",
  INFRA_007: "Backup failed",
  INFRA_008: "State lock conflict",
} as const;

export type InfraCode = keyof typeof INFRA_CODES;

/** One problem behind an error: where it is, which rule it breaks, and how to fix it. */
export interface ProblemDetail {
  /** JSON pointer into the document (`/scaling/min_instances`) or config key path. */
  readonly path: string;
  /** Contract rule ID (`CTR-4`), or `SCHEMA` for a pure shape problem. */
  readonly rule: string;
  readonly message: string;
  /** The offending value; never a secret value (use `redacted: true` instead). */
  readonly value?: unknown;
  readonly redacted?: boolean;
  readonly fix: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** `scaleway-infra:containers` when the document came from a stack file. */
  readonly configKey?: string;
}

export interface InfraErrorOptions {
  details?: Record<string, unknown>;
  problems?: readonly ProblemDetail[];
  cause?: unknown;
}

export class InfraError extends Error {
  readonly code: InfraCode;
  readonly details: Record<string, unknown> | undefined;
  readonly problems: readonly ProblemDetail[];
  readonly requestId: string;
  readonly timestamp: string;

  constructor(code: InfraCode, message: string, options: InfraErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "InfraError";
    this.code = code;
    this.problems = options.problems ?? [];
    this.details = options.details;
    this.requestId = randomUUID();
    this.timestamp = new Date().toISOString();
  }

  /** The error as the seed's error_response, whose type is generated from its schema. */
  toErrorResponse(): ErrorResponse {
    const details: Record<string, unknown> = { ...(this.details ?? {}) };
    if (this.problems.length > 0) details.problems = this.problems.map((p) => ({ ...p }));
    const response: ErrorResponse = {
      code: this.code,
      message: this.message,
      timestamp: this.timestamp,
      request_id: this.requestId,
    };
    if (Object.keys(details).length > 0) response.details = details;
    return response;
  }
}

export function isInfraError(error: unknown): error is InfraError {
  return error instanceof InfraError;
}

/** Exit codes of every `scw-infra` command (DESIGN.md). */
export const EXIT_CODES = {
  success: 0,
  policyViolations: 1,
  invalidInput: 2,
  otherFailure: 3,
} as const;

export function exitCodeFor(error: InfraError): number {
  return error.code === "INFRA_001" ? EXIT_CODES.invalidInput : EXIT_CODES.otherFailure;
}

/** Turns anything thrown into an InfraError, keeping InfraErrors as they are. */
export function asInfraError(error: unknown, fallback: InfraCode = "INFRA_005"): InfraError {
  if (error instanceof InfraError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new InfraError(fallback, message, { cause: error });
}

/** Renders an InfraError for a terminal: the message, then one line per problem with its place and fix. */
export function formatInfraError(error: InfraError): string {
  const lines = [`${error.code} ${INFRA_CODES[error.code]}: ${error.message}`];
  for (const p of error.problems) {
    const where = p.file ? `${p.file}${p.line ? `:${p.line}` : ""}${p.column ? `:${p.column}` : ""}` : "";
    const key = p.configKey ? `${p.configKey}${p.path}` : p.path || "/";
    lines.push(`  - [${p.rule}] ${where ? `${where} ` : ""}${key}: ${p.message}`);
    lines.push(`      fix: ${p.fix}`);
  }
  // Errors without a problem list (a missing file, an unknown contract) carry their fix in details.
  const fix = error.details?.fix;
  if (error.problems.length === 0 && typeof fix === "string") lines.push(`  fix: ${fix}`);
  lines.push(`  request_id: ${error.requestId}`);
  // A key, a file name or a command a user typed may hold control or invisible characters: escaped,
  // so that the message cannot rewrite the terminal or hide what it names.
  return lines.map(escapeInvisible).join("\n");
}
