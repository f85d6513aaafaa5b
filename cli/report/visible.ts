// Reports for people (text, Markdown, JUnit, HTML) show every string of the report with its invisible
// characters escaped, through contracts/errors/shown-value.ts's escapeInvisible: resource names and URNs,
// waiver owners and reasons, file names, messages, input values. A control character could rewrite
// the terminal a CI log is read in, a bidi override or a zero-width space could disguise a name, and
// a line break in a name could add a row to a Markdown table or close a code fence. The renderers
// escape their own markup on top (markdown-escape.ts, junit.ts, html/escape.ts). JSON and SARIF keep
// the exact strings: they are for machines, and JSON escapes control characters itself.
import { escapeInvisible, hasInvisible } from "@scaleway-infra/contracts/errors/shown-value";
import type { ComplianceReport } from "../plan/model";

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** `value` with every string (and object key) escaped; parts that need nothing are shared, not copied. */
function escaped<T>(value: T): T {
  if (typeof value === "string") return (hasInvisible(value) ? escapeInvisible(value) : value) as T;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const shown = escaped(item);
      if (shown !== item) (copy ??= [...value])[index] = shown;
    });
    return (copy ?? value) as T;
  }
  if (value !== null && typeof value === "object" && isPlainObject(value)) {
    let changed = false;
    const entries = Object.entries(value).map(([key, item]): [string, unknown] => {
      const shownKey = escaped(key);
      const shown = escaped(item);
      if (shownKey !== key || shown !== item) changed = true;
      return [shownKey, shown];
    });
    return (changed ? Object.fromEntries(entries) : value) as T;
  }
  return value;
}

/** The report as people may be shown it: every invisible character of every string escaped. */
export function withInvisibleEscaped(report: ComplianceReport): ComplianceReport {
  return escaped(report);
}
