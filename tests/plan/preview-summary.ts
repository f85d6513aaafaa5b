// The changeSummary `pulumi preview --json` writes beside its steps (pkg/engine/update.go, v3.248.0):
// one count per op of every logical, non-internal step. Tests that build previews by hand add it, as
// the scan refuses a preview whose summary does not account for its steps.
const COUNTED_OPS = new Set([
  "same",
  "create",
  "update",
  "delete",
  "replace",
  "import",
  "diff",
  "discard",
  "read",
]);

export function changeSummaryOf(steps: unknown[]): Record<string, number> {
  const summary: Record<string, number> = {};
  for (const step of steps) {
    const raw = (step as { op?: unknown } | null)?.op;
    const op = raw === "read-discard" ? "discard" : raw;
    if (typeof op === "string" && COUNTED_OPS.has(op)) summary[op] = (summary[op] ?? 0) + 1;
  }
  return summary;
}

/** A `pulumi preview --json` document of `steps`, with the summary Pulumi writes for them. */
export function previewDocument(
  steps: unknown[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { ...extra, steps, changeSummary: changeSummaryOf(steps) };
}
