// Escaping for the Markdown reports (the compliance report and the INFRA_001 problems of a plan): every
// string from the report or a user's file goes through one of these, so a resource name, a file name
// or a waiver reason cannot break a table row, close a code span, open raw HTML or hide a character.
import { escapeInvisible } from "@scaleway-infra/contracts/errors/shown-value";

/**
 * Text in a table cell or a list item: invisible characters escaped (a newline included, so a row
 * stays one line), backslashes and pipes escaped, and `<`, `>` as entities, since GitHub renders raw
 * HTML.
 */
export function markdownText(text: string): string {
  return escapeInvisible(text)
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/**
 * A code span, also inside a table cell: backticks (which would close it) become `'`, and pipes are
 * escaped, since GitHub splits table cells on a pipe even inside a code span.
 */
export function markdownCode(text: string): string {
  if (text === "") return "";
  return `\`${escapeInvisible(text).replace(/`/g, "'").replace(/\|/g, "\\|")}\``;
}
