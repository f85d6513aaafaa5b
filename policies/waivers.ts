// waivers.yaml: accepted, owned and dated exceptions to a policy. Each entry names a policy (or a rule
// ID), a resource (exact URN or a minimatch glob on the resource name), a reason, an owner and an
// expiry date; every field is required, because an exception nobody owns or that never ends is not an
// exception. Parsing reports every bad entry at once as INFRA_001 with file:line. Matching is shared
// by the policy pack (which downgrades waived violations) and the offline runner (which reports them
// as `waived`), so both honour a waiver the same way. No Pulumi import here: the pack loads this file.
import { existsSync } from "node:fs";
import { Minimatch } from "minimatch";
import { LineCounter, isMap, isSeq, parseDocument, type Node as YamlNode } from "yaml";
import { InfraError, type ProblemDetail } from "@scaleway-infra/contracts/errors/infra-error";
import { readUserFile } from "@scaleway-infra/contracts/files/user-file";
import { displayPath } from "@scaleway-infra/contracts/files/display-path";
import { isRuleId } from "@scaleway-infra/contracts/rules/catalog";
import { showValue } from "@scaleway-infra/contracts/errors/shown-value";
import { HIDDEN_NAME, isShowableName } from "@scaleway-infra/contracts/documents/shown-name";
import { pointerOf, shownPointer } from "@scaleway-infra/contracts/documents/json-pointer";

/** A key of the waivers file as an error may print it: quoted, or not at all (shown-name.ts). */
function shownKey(key: string): string {
  return isShowableName(key) ? showValue(key) : HIDDEN_NAME;
}

export interface Waiver {
  /** `waivers.yaml:12`: where the entry is, which is how reports name it. */
  id: string;
  policy?: string;
  rule?: string;
  urn?: string;
  name?: string;
  reason: string;
  owner: string;
  /** YYYY-MM-DD, the last day the waiver counts (inclusive, UTC). */
  expires: string;
  file: string;
  line: number;
  /** The horizon the waivers file sets (`max_horizon_days`), when it shortens the default. */
  maxHorizonDays?: number;
}

/** What a violation is, for matching against waivers. */
export interface WaiverSubject {
  policy: string;
  ruleIds: readonly string[];
  urn?: string;
  resourceName?: string;
}

export interface WaiverMatch {
  waiver: Waiver;
  expired: boolean;
}

export const DEFAULT_WAIVERS_FILE = "waivers.yaml";
/**
 * How far ahead a waiver may expire: 180 days by default. A waivers file may shorten it with a
 * top-level `max_horizon_days`, never lengthen it, so an exception is looked at again at least
 * twice a year.
 */
export const MAX_WAIVER_HORIZON_DAYS = 180;
const HORIZON_KEY = "max_horizon_days";
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const FIELDS = ["policy", "rule", "urn", "name", "reason", "owner", "expires"] as const;

function isValidDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** The last instant a waiver expiring on `expires` still counts. */
function endOfDay(expires: string): number {
  return new Date(`${expires}T23:59:59.999Z`).getTime();
}

export function isExpired(waiver: Waiver, now: Date): boolean {
  return now.getTime() > endOfDay(waiver.expires);
}

/** Parses the text of a waivers file; throws InfraError INFRA_001 listing every malformed entry. */
export function parseWaivers(text: string, file: string = DEFAULT_WAIVERS_FILE): Waiver[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (node: YamlNode | null | undefined): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  const problems: ProblemDetail[] = [];
  const problem = (path: string, line: number, message: string, fix: string): void => {
    problems.push({ path, rule: "SCHEMA", message, fix, file, line });
  };
  for (const error of document.errors) {
    problem("/", error.linePos?.[0]?.line ?? 1, `YAML syntax error: ${error.message}`, "fix the YAML syntax");
  }
  if (problems.length > 0) throw waiverError(file, problems);

  // A bare list, or `waivers:` holding the list (beside an optional `max_horizon_days`).
  let list: YamlNode | null | undefined = document.contents;
  let prefix = "";
  let maxHorizonDays: number | undefined;
  if (isMap(list) && list.has("waivers")) {
    const horizonNode = list.get(HORIZON_KEY, true) as YamlNode | undefined;
    if (horizonNode !== undefined) {
      const horizon = (horizonNode as { value?: unknown }).value;
      if (typeof horizon !== "number" || !Number.isInteger(horizon) || horizon < 1) {
        problem(
          `/${HORIZON_KEY}`,
          lineOf(horizonNode),
          `${HORIZON_KEY} must be a whole number of days from 1 to ${MAX_WAIVER_HORIZON_DAYS} (got ${showValue(horizon)})`,
          `write e.g. ${HORIZON_KEY}: 90`,
        );
      } else if (horizon > MAX_WAIVER_HORIZON_DAYS) {
        problem(
          `/${HORIZON_KEY}`,
          lineOf(horizonNode),
          `${HORIZON_KEY} ${horizon} is longer than the maximum of ${MAX_WAIVER_HORIZON_DAYS} days; a waivers file may shorten the horizon, not lengthen it`,
          `set ${HORIZON_KEY} to at most ${MAX_WAIVER_HORIZON_DAYS}, or remove it`,
        );
      } else {
        maxHorizonDays = horizon;
      }
    }
    for (const pair of list.items) {
      const key = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
      if (key !== "waivers" && key !== HORIZON_KEY) {
        problem(
          shownPointer(pointerOf([key])),
          lineOf(pair.key as YamlNode),
          `unknown top-level key ${shownKey(key)}`,
          `use only waivers and ${HORIZON_KEY}`,
        );
      }
    }
    if (problems.length > 0) throw waiverError(file, problems);
    list = list.get("waivers", true) as YamlNode | undefined;
    prefix = "/waivers";
  }
  if (list === null || list === undefined) return [];
  if (!isSeq(list)) {
    problem(
      prefix || "/",
      lineOf(list),
      "the waivers file must hold a list of waivers",
      "write one `- policy: ...` entry per waiver",
    );
    throw waiverError(file, problems);
  }

  const waivers: Waiver[] = [];
  list.items.forEach((item, index) => {
    const path = `${prefix}/${index}`;
    const line = lineOf(item as YamlNode);
    if (!isMap(item)) {
      problem(
        path,
        line,
        "a waiver must be a mapping of policy/rule, urn/name, reason, owner, expires",
        "rewrite the entry as a mapping",
      );
      return;
    }
    const fields: Partial<Record<(typeof FIELDS)[number], string>> = {};
    // Where each field's value is, so a bad rule ID or date is reported on its own line.
    const fieldLines: Partial<Record<(typeof FIELDS)[number], number>> = {};
    for (const pair of item.items) {
      const key = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
      const valueNode = pair.value as { value?: unknown } | null;
      const value = valueNode && "value" in valueNode ? valueNode.value : undefined;
      if (!(FIELDS as readonly string[]).includes(key)) {
        problem(
          `${path}${shownPointer(pointerOf([key]))}`,
          lineOf(pair.key as YamlNode),
          `unknown waiver field ${shownKey(key)}`,
          `use only ${FIELDS.join(", ")}`,
        );
        continue;
      }
      if (typeof value !== "string" || value.trim() === "") {
        problem(
          `${path}/${key}`,
          lineOf(pair.value as YamlNode),
          `${showValue(key)} must be a non-empty string`,
          `quote the ${key} value`,
        );
        continue;
      }
      fields[key as (typeof FIELDS)[number]] = value.trim();
      fieldLines[key as (typeof FIELDS)[number]] = lineOf(pair.value as YamlNode);
    }
    const before = problems.length;
    if (!fields.policy && !fields.rule) {
      problem(
        path,
        line,
        "the waiver names neither a policy nor a rule",
        "add `policy: <policy name>` or `rule: <rule ID>`",
      );
    }
    if (fields.rule && !isRuleId(fields.rule)) {
      problem(
        `${path}/rule`,
        fieldLines.rule ?? line,
        `${showValue(fields.rule)} is not a contract rule ID`,
        "use an ID of CONTRACT-RULES.md, e.g. DB-4",
      );
    }
    if (!fields.urn && !fields.name) {
      problem(
        path,
        line,
        "the waiver names no resource",
        "add `urn: <resource URN>` or `name: <resource name glob>`",
      );
    }
    for (const required of ["reason", "owner", "expires"] as const) {
      if (!fields[required] && !problems.some((p) => p.path === `${path}/${required}`)) {
        problem(
          `${path}/${required}`,
          line,
          `the waiver has no ${required}`,
          `add \`${required}:\`${required === "expires" ? " YYYY-MM-DD" : ""}`,
        );
      }
    }
    if (fields.expires && !isValidDate(fields.expires)) {
      problem(
        `${path}/expires`,
        fieldLines.expires ?? line,
        `expires ${showValue(fields.expires)} is not a date`,
        "write the date as YYYY-MM-DD, e.g. 2026-12-31",
      );
    }
    if (problems.length > before || !fields.reason || !fields.owner || !fields.expires) return;
    waivers.push({
      id: `${file}:${line}`,
      policy: fields.policy,
      rule: fields.rule,
      urn: fields.urn,
      name: fields.name,
      reason: fields.reason,
      owner: fields.owner,
      expires: fields.expires,
      file,
      line,
      ...(maxHorizonDays === undefined ? {} : { maxHorizonDays }),
    });
  });
  if (problems.length > 0) throw waiverError(file, problems);
  return waivers;
}

function waiverError(file: string, problems: ProblemDetail[]): InfraError {
  return new InfraError(
    "INFRA_001",
    `${file}: ${problems.length} invalid waiver entr${problems.length === 1 ? "y" : "ies"}`,
    {
      problems,
      details: { file },
    },
  );
}

/** Reads a waivers file; a missing optional file means no waivers. */
export function loadWaivers(
  path: string,
  options: { optional?: boolean; displayRoot?: string } = {},
): Waiver[] {
  if (!existsSync(path)) {
    if (options.optional) return [];
    // A missing file is INFRA_004 (exit 3) like every other missing input (DESIGN.md, ERR-2).
    throw new InfraError("INFRA_004", `Waivers file ${path} does not exist.`, {
      details: { file: path, fix: "Check the --waivers path, or create the file." },
    });
  }
  const shown = displayPath(path, options.displayRoot ?? process.cwd());
  // A refused read is INFRA_003, a folder or a pipe INFRA_001: never a silent "no waivers".
  const text = readUserFile(path, { option: "--waivers", file: shown });
  return parseWaivers(text, shown);
}

/** Each waiver's name glob, compiled on first use: matchWaiver runs for every violation. */
const NAME_GLOBS = new WeakMap<Waiver, Minimatch>();

function nameGlob(waiver: Waiver): Minimatch {
  let glob = NAME_GLOBS.get(waiver);
  if (!glob) {
    glob = new Minimatch(waiver.name ?? "", { dot: true });
    NAME_GLOBS.set(waiver, glob);
  }
  return glob;
}

/**
 * Every character minimatch gives a meaning to: wildcards (`*`, `?`), classes (`[...]`), braces
 * (`{a,b}`, `{1..3}`), negation (a leading `!`), extglobs (`+(`, `@(`, `!(`, `*(`, `?(`) and escapes
 * (`\`). A name holding none of them is one name, matched by equality; any other is a pattern, even
 * one minimatch would collapse to a single name (`[m]ain`, `{main}`, `\main`), since the limits below
 * cannot tell which patterns happen to match one resource today.
 */
const GLOB_SYNTAX = /[*?[\]{}()!+@\\]/;

function isNamePattern(name: string): boolean {
  return GLOB_SYNTAX.test(name);
}

function appliesTo(waiver: Waiver, subject: WaiverSubject): boolean {
  const policyMatches =
    waiver.policy !== undefined
      ? waiver.policy === subject.policy
      : subject.ruleIds.includes(waiver.rule ?? "");
  if (!policyMatches) return false;
  if (waiver.urn !== undefined) return waiver.urn === subject.urn;
  if (subject.resourceName === undefined || waiver.name === undefined) return false;
  return isNamePattern(waiver.name)
    ? nameGlob(waiver).match(subject.resourceName)
    : waiver.name === subject.resourceName;
}

/** The waiver covering a violation: an active one if any, else an expired one (so it can be named). */
export function matchWaiver(
  waivers: readonly Waiver[],
  subject: WaiverSubject,
  now: Date,
): WaiverMatch | undefined {
  let expired: Waiver | undefined;
  for (const waiver of waivers) {
    if (!appliesTo(waiver, subject)) continue;
    if (!isExpired(waiver, now)) return { waiver, expired: false };
    expired ??= waiver;
  }
  return expired ? { waiver: expired, expired: true } : undefined;
}

/** `waived by waivers.yaml:3 (owner platform-team, until 2026-12-31): <reason>`. */
export function describeWaiver(match: WaiverMatch): string {
  const { waiver } = match;
  return match.expired
    ? `waiver ${waiver.id} (owner ${waiver.owner}) expired on ${waiver.expires}; renew it with a new date or fix the violation`
    : `waived by ${waiver.id} (owner ${waiver.owner}, until ${waiver.expires}): ${waiver.reason}`;
}

/** What decides whether a waiver may be used in a run. */
export interface WaiverLimits {
  /** The environment of the stack under evaluation; production rules apply to anything else but staging. */
  environment: string;
  /** `--allow-broad-waivers`: a glob or `*` may waive a mandatory rule in production. */
  allowBroad: boolean;
  now: Date;
  /** True when the waiver covers a mandatory policy (by its name or one of its rule IDs). */
  coversMandatory: (waiver: Waiver) => boolean;
}

/**
 * True when a waiver names its resources by a pattern (`*`, `prod-*`, `{a,b}`, `[m]ain`, `!x`) rather
 * than one name or a URN.
 */
export function isBroadWaiver(waiver: Waiver): boolean {
  return waiver.urn === undefined && isNamePattern(waiver.name ?? "");
}

function daysAhead(expires: string, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((new Date(`${expires}T00:00:00Z`).getTime() - today) / DAY_MS);
}

/**
 * The waivers a run may use, or INFRA_001 naming every waiver (file and line) that breaks the limits:
 * in every environment its expiry must fall within the horizon (180 days, or the file's shorter
 * `max_horizon_days`); in production (any environment but staging) a waiver of a mandatory policy
 * must name one resource (a URN or an exact name) unless `allowBroad`.
 */
export function assertWaiverLimits(waivers: readonly Waiver[], limits: WaiverLimits): void {
  const problems: ProblemDetail[] = [];
  const production = limits.environment !== "staging";
  for (const waiver of waivers) {
    const horizon = waiver.maxHorizonDays ?? MAX_WAIVER_HORIZON_DAYS;
    const ahead = daysAhead(waiver.expires, limits.now);
    if (ahead > horizon) {
      problems.push({
        path: waiver.id,
        rule: "SCHEMA",
        message: `waiver ${waiver.id} expires on ${waiver.expires}, ${ahead} days ahead: beyond the ${horizon}-day horizon`,
        fix: `set expires to ${new Date(limits.now.getTime() + horizon * DAY_MS).toISOString().slice(0, 10)} or earlier, and renew the waiver when it ends`,
        file: waiver.file,
        line: waiver.line,
      });
    }
    // An expired waiver waives nothing (its violation is reported, naming it), so only live ones count.
    const live = !isExpired(waiver, limits.now);
    if (production && live && !limits.allowBroad && isBroadWaiver(waiver) && limits.coversMandatory(waiver)) {
      problems.push({
        path: waiver.id,
        rule: "SCHEMA",
        message: `waiver ${waiver.id} waives the mandatory ${waiver.policy !== undefined ? `policy ${waiver.policy}` : `rule ${waiver.rule ?? ""}`} for every resource matching ${showValue(waiver.name)} in ${limits.environment}; a production waiver must name its resource`,
        fix: "name one resource with `urn:` or an exact `name:` (one waiver per resource), or pass --allow-broad-waivers",
        file: waiver.file,
        line: waiver.line,
      });
    }
  }
  if (problems.length > 0) {
    const files = [...new Set(waivers.map((w) => w.file))].join(", ");
    throw new InfraError(
      "INFRA_001",
      `${files}: ${problems.length} waiver${problems.length === 1 ? "" : "s"} beyond the limits of ${limits.environment}`,
      { problems, details: { environment: limits.environment } },
    );
  }
}
