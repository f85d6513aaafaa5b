// error_response (ERR-1, ERR-2): the shape of every failure the project reports, including the
// `details.problems` list that validation errors carry.
import { CONTRACT_RULES } from "../rules/catalog";
import { UUID_PATTERN } from "../thresholds";
import { INFRA_CODES } from "../errors/infra-error";
import {
  JsonSchema,
  SCHEMA_DIALECT,
  nonEmptyString,
  object,
  positiveInteger,
  ruled,
  schemaId,
} from "./annotations";

/** Rule cited by a problem that breaks the shape of a document but no contract rule. */
export const SHAPE_RULE = "SCHEMA";

const problem = object(
  {
    path: { type: "string", description: "JSON pointer into the document, or config key path." },
    rule: { type: "string", enum: [...CONTRACT_RULES.map((r) => r.id), SHAPE_RULE] },
    message: nonEmptyString,
    value: { description: "The offending value; never a secret value." },
    redacted: {
      type: "boolean",
      description: "True when the value was withheld because it is, or looks like, a secret.",
    },
    fix: nonEmptyString,
    file: nonEmptyString,
    line: positiveInteger,
    column: positiveInteger,
    configKey: nonEmptyString,
  },
  ["path", "rule", "message", "fix"],
);

export const errorResponseSchema: JsonSchema = {
  $schema: SCHEMA_DIALECT,
  $id: schemaId("error-response"),
  title: "error_response",
  description: "Every failure the project reports (seed: Standard Error Response).",
  ...ruled(
    "ERR-1",
    { fix: "Give code, message, timestamp and request_id; details is optional." },
    object(
      {
        code: ruled(
          "ERR-2",
          { fix: `Use one of the codes ${Object.keys(INFRA_CODES).join(", ")}.` },
          { type: "string", enum: Object.keys(INFRA_CODES) },
        ),
        message: nonEmptyString,
        details: {
          type: "object",
          description: "Free-form context; validation errors list their problems here.",
          properties: { problems: { type: "array", items: problem } },
        },
        timestamp: { type: "string", format: "date-time" },
        request_id: ruled(
          "ERR-1",
          { message: "must be a UUID, unique per error", fix: "Use crypto.randomUUID() for request_id." },
          { type: "string", pattern: UUID_PATTERN },
        ),
      },
      ["code", "message", "timestamp", "request_id"],
    ),
  ),
};
