// Where and why a text is not JSON, said without quoting it (issue 11 "no value echoed"). Node's
// JSON.parse errors quote the text around the error (`Unexpected token 'I', "IS_SANDBOX"... is not
// valid JSON`), and the file may be anything (`/proc/self/environ`, a key file): a parse error names
// the line, the column and the kind of character found there, never the characters themselves.

export interface JsonSyntaxError {
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  column: number;
  /** `unexpected letter`, `unexpected end of the file`, ... : no character of the text. */
  reason: string;
}

/** What kind of character `char` is, in words that quote nothing of it. */
function kindOfCharacter(char: string | undefined): string {
  if (char === undefined) return "end of the file";
  if (/\p{L}/u.test(char)) return "letter";
  if (/[0-9]/.test(char)) return "digit";
  if (/[\u0000-\u001f\u007f]/.test(char)) return "control character";
  if (/\s/.test(char)) return "space";
  if (/[{}[\]:,"]/.test(char)) return `JSON punctuation (${JSON.stringify(char)})`;
  if (/[\x21-\x7e]/.test(char)) return "punctuation character";
  return "non-ASCII character";
}

/**
 * The first syntax error of `text` as JSON, or undefined when it is JSON. A small scanner of the
 * JSON grammar (RFC 8259), used only once JSON.parse has refused the text, so its cost is paid only
 * on invalid input.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let index = 0;
  const fail = (reason?: string): never => {
    throw new LocatedError(index, reason ?? `unexpected ${kindOfCharacter(text[index])}`);
  };
  const spaces = (): void => {
    while (index < text.length && /[ \t\n\r]/.test(text[index])) index++;
  };
  const literal = (word: string): void => {
    for (const char of word) {
      if (text[index] !== char) fail();
      index++;
    }
  };
  const number = (): void => {
    if (text[index] === "-") index++;
    if (text[index] === "0") index++;
    else if (/[1-9]/.test(text[index] ?? "")) while (/[0-9]/.test(text[index] ?? "")) index++;
    else fail();
    if (text[index] === ".") {
      index++;
      if (!/[0-9]/.test(text[index] ?? "")) fail();
      while (/[0-9]/.test(text[index] ?? "")) index++;
    }
    if (text[index] === "e" || text[index] === "E") {
      index++;
      if (text[index] === "+" || text[index] === "-") index++;
      if (!/[0-9]/.test(text[index] ?? "")) fail();
      while (/[0-9]/.test(text[index] ?? "")) index++;
    }
  };
  const string = (): void => {
    index++;
    for (;;) {
      const char = text[index];
      if (char === undefined) fail("unterminated string");
      if (char === '"') {
        index++;
        return;
      }
      if (char < " ") fail("control character inside a string");
      if (char === "\\") {
        index++;
        const escape = text[index];
        if (escape === "u") {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[index + k] ?? "")) {
              index += k;
              fail("invalid \\u escape in a string");
            }
          }
          index += 5;
          continue;
        }
        if (escape === undefined || !'"\\/bfnrt'.includes(escape)) fail("invalid escape in a string");
      }
      index++;
    }
  };
  const value = (depth: number): void => {
    if (depth > 2_000) fail("nesting deeper than this scanner follows");
    spaces();
    const char = text[index];
    if (char === "{") {
      index++;
      spaces();
      if (text[index] === "}") {
        index++;
        return;
      }
      for (;;) {
        spaces();
        if (text[index] !== '"') fail();
        string();
        spaces();
        if (text[index] !== ":") fail();
        index++;
        value(depth + 1);
        spaces();
        if (text[index] === ",") {
          index++;
          continue;
        }
        if (text[index] === "}") {
          index++;
          return;
        }
        fail();
      }
    }
    if (char === "[") {
      index++;
      spaces();
      if (text[index] === "]") {
        index++;
        return;
      }
      for (;;) {
        value(depth + 1);
        spaces();
        if (text[index] === ",") {
          index++;
          continue;
        }
        if (text[index] === "]") {
          index++;
          return;
        }
        fail();
      }
    }
    if (char === '"') return string();
    if (char === "t") return literal("true");
    if (char === "f") return literal("false");
    if (char === "n") return literal("null");
    if (char === "-" || /[0-9]/.test(char ?? "")) return number();
    fail();
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) index = 1;
    value(0);
    spaces();
    if (index < text.length) fail(`unexpected ${kindOfCharacter(text[index])} after the JSON value`);
    return undefined;
  } catch (error) {
    if (!(error instanceof LocatedError)) throw error;
    return { ...positionAt(text, error.offset), reason: error.reason };
  }
}

class LocatedError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** 1-based line and column of a character offset. */
function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/**
 * Parses `text` as JSON; on a syntax error, throws what `describe` builds from the error's line,
 * column and reason (never from JSON.parse's message, which quotes the text).
 */
export function parseJsonQuietly(text: string, describe: (error: JsonSyntaxError) => Error): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    // JSON.parse refused it: the scanner says where (it agrees on every text it refuses; should it
    // not, the error is still reported, at the start of the file).
    throw describe(findJsonSyntaxError(text) ?? { line: 1, column: 1, reason: "not valid JSON" });
  }
}

/** `line 3, column 7: unexpected letter`. */
export function formatJsonSyntaxError(error: JsonSyntaxError): string {
  return `line ${error.line}, column ${error.column}: ${error.reason}`;
}
