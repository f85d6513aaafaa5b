// Turns ajv errors into RawProblems people can act on: the rule comes from the nearest `x-rule`
// annotation on the schema path of the failing keyword, the fix from the nearest `x-fix`, and the
// message from the keyword and its parameters (or the keyword's own `x-message`), never from
// ajv's English.
import type { ErrorObject } from "ajv";
import { FIX_KEYWORD, MESSAGE_KEYWORD, RULE_KEYWORD } from "../schemas/annotations";
import { SHAPE_RULE } from "../schemas/error-response";
import { humanPath, isRecord, pointerOf, segmentsOf } from "./json-pointer";
import type { RawProblem } from "./raw-problem";
import { didYouMean } from "./suggest";

type SchemaNode = Record<string, unknown>;

interface Annotations {
  rule?: string;
  fix?: string;
  /** The schema object holding the failing keyword. */
  keywordNode: SchemaNode;
}

function annotationsOf(node: SchemaNode, into: { rule?: string; fix?: string }): void {
  if (typeof node[RULE_KEYWORD] === "string") into.rule = node[RULE_KEYWORD] as string;
  if (typeof node[FIX_KEYWORD] === "string") into.fix = node[FIX_KEYWORD] as string;
}

/** Walks `#/properties/scaling/allOf/0/...` from the root, keeping the deepest annotations. */
function annotationsAlong(root: SchemaNode, schemaPath: string): Annotations {
  const segments = segmentsOf(schemaPath.replace(/^#/, "")).map((s) => decodeURIComponent(s));
  const found: { rule?: string; fix?: string } = {};
  annotationsOf(root, found);
  let node: unknown = root;
  let keywordNode: SchemaNode = root;
  for (const segment of segments.slice(0, -1)) {
    node = Array.isArray(node) ? node[Number(segment)] : isRecord(node) ? node[segment] : undefined;
    if (isRecord(node)) {
      keywordNode = node;
      annotationsOf(node, found);
    }
  }
  return { ...found, keywordNode };
}

function list(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  integer: "a whole number",
  number: "a number",
  boolean: "true or false",
  object: "a mapping of fields",
  array: "a list",
  null: "null",
};

const FORMAT_NAMES: Record<string, string> = {
  "date-time": "an ISO 8601 date-time such as 2025-11-07T10:00:00Z",
  uri: "an absolute URL such as https://docs.example.gouv.fr",
};

/** The predicate of an error ("must be at least 2"), and whether showing the value helps. */
function predicateOf(error: ErrorObject): { predicate: string; showValue: boolean } {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "type": {
      const types = String(p.type).split(",");
      return { predicate: `must be ${types.map((t) => TYPE_NAMES[t] ?? t).join(" or ")}`, showValue: true };
    }
    case "enum":
      return { predicate: `must be one of: ${list(p.allowedValues as unknown[])}`, showValue: true };
    case "const":
      return { predicate: `must be ${list([p.allowedValue])}`, showValue: true };
    case "minimum":
      return { predicate: `must be at least ${String(p.limit)}`, showValue: true };
    case "maximum":
      return { predicate: `must be at most ${String(p.limit)}`, showValue: true };
    case "exclusiveMinimum":
      return { predicate: `must be more than ${String(p.limit)}`, showValue: true };
    case "exclusiveMaximum":
      return { predicate: `must be less than ${String(p.limit)}`, showValue: true };
    case "minItems":
      return { predicate: `must list at least ${String(p.limit)} item(s)`, showValue: false };
    case "maxItems":
      return { predicate: `must list at most ${String(p.limit)} item(s)`, showValue: false };
    case "minLength":
      return {
        predicate:
          p.limit === 1 ? "must not be empty" : `must be at least ${String(p.limit)} characters long`,
        showValue: false,
      };
    case "maxLength":
      return { predicate: `must be at most ${String(p.limit)} characters long`, showValue: false };
    case "uniqueItems":
      return {
        predicate: `must not repeat items (items ${String(p.j)} and ${String(p.i)} are the same)`,
        showValue: false,
      };
    case "pattern":
      return { predicate: "does not have the expected form", showValue: true };
    case "format":
      return {
        predicate: `must be ${FORMAT_NAMES[String(p.format)] ?? `in ${String(p.format)} format`}`,
        showValue: true,
      };
    default:
      return { predicate: "is not allowed here", showValue: true };
  }
}

/** Keywords whose failure is only a consequence of another error reported on its own. */
const CONSEQUENTIAL_KEYWORDS = new Set(["if", "allOf", "anyOf", "oneOf"]);

/** An enum under an if/then (environment-specific); the general enum at the same place says less. */
function isConditionalEnum(error: ErrorObject): boolean {
  return error.keyword === "enum" && error.schemaPath.includes("/then/");
}

export function problemsFromSchemaErrors(root: SchemaNode, errors: readonly ErrorObject[]): RawProblem[] {
  const problems: RawProblem[] = [];
  // A value outside both the general list and the environment's list (retention_days: 14 in
  // production) would read as two contradicting problems; only the environment's list is the fix.
  const conditionalEnumPaths = new Set(errors.filter(isConditionalEnum).map((e) => e.instancePath));
  for (const error of errors) {
    if (CONSEQUENTIAL_KEYWORDS.has(error.keyword)) continue;
    if (
      error.keyword === "enum" &&
      !isConditionalEnum(error) &&
      conditionalEnumPaths.has(error.instancePath)
    ) {
      continue;
    }
    const annotations = annotationsAlong(root, error.schemaPath);
    const base = segmentsOf(error.instancePath);
    if (error.keyword === "required") {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      const property = (annotations.keywordNode.properties as Record<string, unknown> | undefined)?.[missing];
      const own: { rule?: string; fix?: string } = {};
      if (isRecord(property)) annotationsOf(property, own);
      const path = pointerOf([...base, missing]);
      problems.push({
        path,
        rule: own.rule ?? annotations.rule ?? SHAPE_RULE,
        predicate: "is required but missing",
        fix: own.fix ?? annotations.fix ?? `Add ${humanPath(path)}.`,
        showValue: false,
      });
      continue;
    }
    if (error.keyword === "additionalProperties") {
      const extra = String((error.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys(
        (annotations.keywordNode.properties as Record<string, unknown> | undefined) ?? {},
      );
      problems.push({
        path: pointerOf([...base, extra]),
        rule: SHAPE_RULE,
        predicate: "is not a field of this contract",
        fix: `${didYouMean(extra, known)}Remove it or correct its spelling; the fields here are: ${known.join(", ")}.`,
        showValue: false,
      });
      continue;
    }
    const custom = annotations.keywordNode[MESSAGE_KEYWORD];
    const generic = predicateOf(error);
    const predicate = typeof custom === "string" ? custom : generic.predicate;
    problems.push({
      path: error.instancePath,
      rule: annotations.rule ?? SHAPE_RULE,
      predicate,
      fix: annotations.fix ?? `Correct ${humanPath(error.instancePath)}: it ${predicate}.`,
      showValue: generic.showValue,
    });
  }
  return problems;
}
