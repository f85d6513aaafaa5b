// How a value a user wrote is shown back in a message: quoted, cut to a readable length, with every
// character a reader cannot see escaped (`\u200b`), so a zero-width space, a bidi override or a
// control character in a stack file is visible in the error instead of hiding in it (or rewriting
// the terminal). Numbers YAML reads but JSON cannot hold (`1e309`, `.nan`, `.inf`) are named as what
// they are instead of JSON's "null".

/**
 * Characters that render as nothing or as something else: every control, format (zero-width, bidi),
 * surrogate, private-use, unassigned and separator character but the plain space, plus the letters
 * and marks that render blank (Hangul fillers, the braille blank, variation selectors, the combining
 * grapheme joiner).
 */
const INVISIBLE =
  /(?! )[\p{C}\p{Z}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0]|[\u{e0100}-\u{e01ef}]/gu;

const DEFAULT_MAX_LENGTH = 120;

function escapeCodePoint(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** The text with every invisible character written as its escape. */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE, escapeCodePoint);
}

/** One UTF-16 unit as a JSON escape; an astral character becomes its surrogate pair, as JSON spells it. */
function jsonEscape(character: string): string {
  let out = "";
  for (let index = 0; index < character.length; index++)
    out += `\\u${character.charCodeAt(index).toString(16).padStart(4, "0")}`;
  return out;
}

/**
 * `JSON.stringify(value, null, 2)` plus a line break, with every invisible character inside its
 * strings written as a JSON escape (`\u202e`). The same JSON for any parser (JSON.stringify leaves
 * DEL, C1 controls, bidi, zero-width characters and U+2028 raw), but nothing in it can hide text or
 * rewrite the terminal it is printed to. Indentation line breaks are the only raw ones left: JSON
 * escapes those within strings itself.
 */
export function shownJson(value: unknown): string {
  const json = JSON.stringify(value, null, 2) ?? "null";
  return `${json
    .split("\n")
    .map((line) => line.replace(INVISIBLE, jsonEscape))
    .join("\n")}\n`;
}

/** True when the text holds a character escapeInvisible would escape. */
export function hasInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  const found = INVISIBLE.test(text);
  INVISIBLE.lastIndex = 0;
  return found;
}

/** A number as a reader should see it: `Infinity`, `-Infinity`, `NaN` are not "null". */
function shownNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN (not a number)";
  if (!Number.isFinite(value))
    return value > 0 ? "Infinity (too large to be a number)" : "-Infinity (too large to be a number)";
  return String(value);
}

/**
 * A scalar as a message shows it: strings quoted (JSON escapes plus escaped invisible characters)
 * and cut at `maxLength`; numbers with their non-finite values named.
 */
export function showValue(value: unknown, maxLength = DEFAULT_MAX_LENGTH): string {
  if (typeof value === "number") return shownNumber(value);
  if (typeof value === "string") {
    const cut = value.length > maxLength ? value.slice(0, maxLength) : value;
    const quoted = escapeInvisible(JSON.stringify(cut));
    return value.length > maxLength ? `${quoted}…` : quoted;
  }
  if (value === undefined) return "nothing";
  const text = escapeInvisible(JSON.stringify(value) ?? String(value));
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}
