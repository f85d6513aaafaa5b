// A contract schema as json-schema-to-typescript should read it (scripts/generate-contract-types.ts).
// Two things of the schemas are not for the generator:
// - `if`/`then` conditionals (environment-dependent minimums, production pinning, `end_time` once a
//   deployment has ended). The generator does not read them; they only narrow values of fields the
//   object already declares (every contract object has `additionalProperties: false`), so leaving
//   them out widens a type, never adds or drops a field. Validation (ajv) still applies them.
// - A field with no type at all (error_response's `value`: any JSON value) is `unknown`, where the
//   generator would otherwise make it an open object.
import type { JsonSchema, JsonValue } from "@scaleway-infra/contracts/schemas/annotations";

/** Keywords that give a schema a shape; a value schema with none of them accepts any value. */
const SHAPE_KEYWORDS = ["type", "enum", "const", "properties", "items", "$ref", "anyOf", "oneOf", "allOf"];
const CONDITIONAL_KEYWORDS = ["if", "then", "else"];
const COMPOSITION_KEYWORDS = ["allOf", "anyOf", "oneOf"];

function isSchema(value: JsonValue | undefined): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The schema of a value (a document, a field, an array item) without its conditionals. */
export function schemaForTypes(schema: JsonSchema): JsonSchema {
  const result = withoutConditionals(schema);
  if (!SHAPE_KEYWORDS.some((keyword) => keyword in result)) result.tsType = "unknown";
  return result;
}

function withoutConditionals(schema: JsonSchema): JsonSchema {
  const result: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (CONDITIONAL_KEYWORDS.includes(keyword)) continue;
    if (keyword === "properties" && isSchema(value)) {
      result.properties = Object.fromEntries(
        Object.entries(value).map(([name, field]) => [name, isSchema(field) ? schemaForTypes(field) : field]),
      );
    } else if (keyword === "items" && isSchema(value)) {
      result.items = schemaForTypes(value);
    } else if (COMPOSITION_KEYWORDS.includes(keyword) && Array.isArray(value)) {
      // A member of allOf constrains the value it is part of: it is not a value of its own.
      const members = value.filter(isSchema).filter((member) => !("if" in member));
      if (members.length > 0) result[keyword] = members.map(withoutConditionals);
    } else {
      result[keyword] = value;
    }
  }
  return result;
}
