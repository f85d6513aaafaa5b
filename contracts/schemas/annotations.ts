// Building blocks for the contract schemas: the JSON Schema value type and the `x-rule` / `x-fix` /
// `x-message` annotations that tie a constraint to its contract rule, so that a validation error can
// name the rule it breaks and say how to fix it. contracts/documents/validator.ts registers these keywords.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export interface JsonSchema {
  [keyword: string]: JsonValue;
}

export const SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";
/** Annotation keywords of this project's schemas. */
export const RULE_KEYWORD = "x-rule";
export const FIX_KEYWORD = "x-fix";
export const MESSAGE_KEYWORD = "x-message";

export function schemaId(contract: string): string {
  return `urn:scaleway-infra:schema:${contract}`;
}

export interface RuleAnnotation {
  /** One-line fix shown to the user. */
  fix: string;
  /** Predicate phrase replacing the generic one, e.g. "must be an EU registry image". */
  message?: string;
}

/** Tags a constraint with the rule it enforces: errors raised inside `schema` cite `rule`. */
export function ruled(rule: string, annotation: RuleAnnotation, schema: JsonSchema): JsonSchema {
  const tagged: JsonSchema = { ...schema, [RULE_KEYWORD]: rule, [FIX_KEYWORD]: annotation.fix };
  if (annotation.message !== undefined) tagged[MESSAGE_KEYWORD] = annotation.message;
  return tagged;
}

/** `if <field> is <value> then <then>`, the way environment-dependent rules are written. */
export function when(field: string, value: JsonValue, then: JsonSchema): JsonSchema {
  return { if: { properties: { [field]: { const: value } }, required: [field] }, then };
}

/** An object with exactly the given properties, `required` listing the mandatory ones. */
export function object(
  properties: Record<string, JsonSchema>,
  required: readonly string[],
  extra: JsonSchema = {},
): JsonSchema {
  return { type: "object", additionalProperties: false, required: [...required], properties, ...extra };
}

export function anchored(pattern: string): string {
  return pattern.startsWith("^") ? pattern : `^${pattern}$`;
}

export const nonEmptyString: JsonSchema = { type: "string", minLength: 1 };
export const positiveInteger: JsonSchema = { type: "integer", minimum: 1 };
