// What keeps the audit's credentials and a hostile API's text out of its output: every line the
// command writes, and every error it raises, goes through the redactor (the secret key, in whatever
// variable or flag a user pasted it). Text that came from the API is shown through
// contracts/errors/shown-value's escapeInvisible (no terminal escape sequences, no forged CI log lines).
import { InfraError } from "@scaleway-infra/contracts/errors/infra-error";

export const REDACTED = "[redacted]";

export class CredentialRedactor {
  private readonly values = new Set<string>();

  /** Adds a value never to print (ignored when too short to be a credential). */
  add(value: string | undefined): void {
    const trimmed = value?.trim();
    if (!trimmed || trimmed.length < 8) return;
    this.values.add(trimmed);
    // The same key written without its dashes (a UUID secret key pasted as 32 hex digits) is the
    // same secret: never print that form either (second adversarial pass).
    const undashed = trimmed.replace(/-/g, "");
    if (undashed !== trimmed && undashed.length >= 8) this.values.add(undashed);
  }

  text(text: string): string {
    let out = text;
    // Case-insensitive: a UUID secret key also appears in upper case.
    for (const value of this.values)
      out = out.replace(new RegExp(value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi"), REDACTED);
    return out;
  }

  private deep(value: unknown): unknown {
    if (typeof value === "string") return this.text(value);
    if (Array.isArray(value)) return value.map((v) => this.deep(v));
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.deep(v)]));
    return value;
  }

  error(error: InfraError): InfraError {
    return new InfraError(error.code, this.text(error.message), {
      ...(error.details ? { details: this.deep(error.details) as Record<string, unknown> } : {}),
      problems: this.deep(error.problems) as InfraError["problems"],
      cause: error,
    });
  }
}
