// Escaping for the HTML report: every string the page embeds (resource names, rule messages, waiver
// reasons, stack-file keys) goes through one of these, in text, in attributes, or inside the
// `<script type="application/json">` block, where `</script>`, `<!--` and U+2028/2029 must not appear.
import { escapeInvisible } from "@scaleway-infra/contracts/errors/shown-value";

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Text or a double-quoted attribute value, with every invisible character (controls, NUL, line breaks,
 * bidi and zero-width characters) written as its escape (`\u202e`), as in every report for people:
 * stack-file keys in the excerpts reach the page through here only.
 */
export function escapeHtml(text: string): string {
  return escapeInvisible(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/**
 * JSON safe inside a `<script>` element: `<`, `>` and `&` as \u escapes (no `</script>`, no `<!--`),
 * and the line separators U+2028/2029, which older JavaScript parsers treat as line ends.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A string usable as an id or class suffix: letters, digits and `-` only. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "x"
  );
}
