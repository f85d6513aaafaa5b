// Finds the links of a Markdown document and checks that each one resolves: a relative link names a
// file or folder that exists, and its `#anchor` names a heading of the target document, slugged as
// GitHub renders it. External `http(s)` links are only checked to be well-formed URLs, never fetched.
// Links inside code (fenced blocks, inline code spans) are text, not links, and are left alone.
import * as fs from "node:fs";
import * as path from "node:path";

export interface Link {
  /** The target as written, e.g. `docs/plan.md#where-a-finding-is-located`. */
  target: string;
  /** 1-based line of the link in its document. */
  line: number;
}

export interface LinkProblem {
  file: string;
  line: number;
  target: string;
  problem: string;
}

const FENCE = /^\s*(`{3,}|~{3,})/;

/** The document with fenced code blocks blanked out (lines kept, so line numbers stay true). */
function withoutFencedCode(markdown: string): string[] {
  const lines = markdown.split("\n");
  let fence: string | undefined;
  return lines.map((line) => {
    const open = FENCE.exec(line);
    if (fence === undefined && open) {
      fence = open[1][0].repeat(open[1].length);
      return "";
    }
    if (fence !== undefined) {
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, "") === "") fence = undefined;
      return "";
    }
    return line;
  });
}

/** A line with its inline code spans (`` `...` ``, ``` ``...`` ```) replaced by spaces. */
function withoutCodeSpans(line: string): string {
  return line.replace(/(`+)[^`]*?\1/g, (span) => " ".repeat(span.length));
}

/** Every link and image target of a document: inline `[text](target)`, and reference definitions. */
export function findLinks(markdown: string): Link[] {
  const links: Link[] = [];
  withoutFencedCode(markdown).forEach((raw, index) => {
    const line = withoutCodeSpans(raw);
    for (const match of line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ target: match[1], line: index + 1 });
    }
    const definition = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(line);
    if (definition) links.push({ target: definition[1], line: index + 1 });
    for (const match of line.matchAll(/<a\s[^>]*href="([^"]+)"/g))
      links.push({ target: match[1], line: index + 1 });
  });
  return links;
}

/** The plain text of a heading as GitHub renders it: code spans keep their text, links their label. */
function headingText(markdown: string): string {
  return markdown
    .split(/(`+[^`]*?`+)/)
    .map((part) => {
      if (/^`+[\s\S]*`+$/.test(part)) return part.replace(/^`+\s?|\s?`+$/g, "");
      return part
        .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
        .replace(/<[^>]+>/g, "")
        .replace(/[*~]/g, "")
        .replace(/(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu, "$1");
    })
    .join("");
}

/**
 * The anchor GitHub gives a heading: lower case, every character that is not a letter, a mark, a
 * digit, `_`, `-` or a space dropped, each space turned into `-` (the algorithm of github-slugger).
 */
export function githubSlug(heading: string): string {
  return headingText(heading)
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** Every anchor of a document: its headings' slugs (`-1`, `-2` for repeats) and HTML `id`/`name`s. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of withoutFencedCode(markdown)) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (heading) {
      const base = githubSlug(heading[1]);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const match of line.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/g)) anchors.add(match[1]);
  }
  return anchors;
}

function externalProblem(target: string): string | undefined {
  try {
    const url = new URL(target);
    return url.hostname === "" ? "an external link without a host" : undefined;
  } catch {
    return "a malformed URL";
  }
}

/** The problems of every link of `file` (an absolute path); `read` is swapped in tests. */
export function checkLinks(
  file: string,
  read: (file: string) => string = (f) => fs.readFileSync(f, "utf8"),
  exists: (file: string) => boolean = fs.existsSync,
): LinkProblem[] {
  const problems: LinkProblem[] = [];
  for (const { target, line } of findLinks(read(file))) {
    const report = (problem: string) => problems.push({ file, line, target, problem });
    if (/^https?:/i.test(target)) {
      const problem = externalProblem(target);
      if (problem) report(problem);
      continue;
    }
    if (/^mailto:/i.test(target)) continue;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
      report("a link with a scheme other than http, https or mailto");
      continue;
    }
    const hash = target.indexOf("#");
    const linkPath = decodeURI(hash < 0 ? target : target.slice(0, hash));
    const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
    const resolved = linkPath === "" ? file : path.resolve(path.dirname(file), linkPath);
    if (!exists(resolved)) {
      report(`no file ${resolved}`);
      continue;
    }
    if (anchor === undefined) continue;
    if (!resolved.endsWith(".md")) {
      report("an anchor into a file that is not Markdown");
      continue;
    }
    if (!anchorsOf(read(resolved)).has(anchor))
      report(`no heading with the anchor #${anchor} in ${resolved}`);
  }
  return problems;
}
