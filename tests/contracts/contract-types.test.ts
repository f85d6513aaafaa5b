// The contracts' TypeScript types are generated from the schema sources
// (contracts/documents/contract-types.generated.ts, by scripts/generate-contract-types.ts): the
// committed file must be what the generator writes now, and the types must be as strict as the
// schemas: enums as unions, optional fields optional, objects closed, no `any`.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type {
  AlertRuleSpec,
  ContainerSpec,
  DeploymentResponse,
  EnvironmentVariableSpec,
  SecretTypeName,
  StateSpec,
} from "@scaleway-infra/contracts/documents/types";
import type { JsonSchema } from "@scaleway-infra/contracts/schemas/annotations";
import { schemaForTypes } from "../../scripts/schema-for-types";
import { REPO_ROOT } from "./support";

const committed = readFileSync(
  join(REPO_ROOT, "contracts", "documents", "contract-types.generated.ts"),
  "utf8",
);
const code = committed.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");

describe("contracts/documents/contract-types.generated.ts", () => {
  it("is what the generator writes from the schema sources (run node cli/run-ts.js scripts/generate-contract-types.ts)", () => {
    const generated = execFileSync(
      process.execPath,
      ["cli/run-ts.js", "scripts/generate-contract-types.ts", "--stdout"],
      { cwd: REPO_ROOT, encoding: "utf8" },
    );
    expect(committed).toBe(generated);
  });

  it("declares no `any`", () => {
    expect(code).not.toMatch(/\bany\b/);
  });

  it("leaves an object open only where its schema does: error_response's free-form details", () => {
    expect(code.match(/\[k: string\]/g)).toHaveLength(1);
    expect(code).toMatch(/details\?: \{[\s\S]*\[k: string\]: unknown;\s*\};\s*timestamp: string;/);
  });

  it("keeps enums as unions, optional fields optional and nested objects typed", () => {
    // Compile-time checks: `tsc --noEmit` fails if a type is wider or narrower than written here.
    type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
    const checks: [
      Same<SecretTypeName, "database_url" | "api_key" | "certificate" | "generic">,
      Same<AlertRuleSpec["threshold"]["operator"], ">" | "<" | ">=" | "<=">,
      Same<DeploymentResponse["status"], "pending" | "in_progress" | "completed" | "failed" | "rolled_back">,
      Same<ContainerSpec["port"], number | undefined>,
      Same<ContainerSpec["environment_variables"], EnvironmentVariableSpec[] | undefined>,
      Same<EnvironmentVariableSpec["secret"], boolean | undefined>,
      Same<StateSpec["backend"]["type"], "s3">,
    ] = [true, true, true, true, true, true, true];
    expect(checks.every(Boolean)).toBe(true);
  });
});

describe("schemaForTypes", () => {
  const field = (schema: JsonSchema): JsonSchema =>
    schemaForTypes({ type: "object", properties: { field: schema } }).properties as JsonSchema;

  it("leaves out if/then conditionals, which only narrow declared fields, and keeps other allOf members", () => {
    const schema = schemaForTypes({
      type: "object",
      properties: { environment: { type: "string" } },
      allOf: [
        { if: { properties: { environment: { const: "production" } } }, then: { required: ["x"] } },
        { required: ["environment"] },
      ],
    });
    expect(schema.allOf).toEqual([{ required: ["environment"] }]);
    expect(schemaForTypes({ type: "object", allOf: [{ if: {}, then: {} }] })).not.toHaveProperty("allOf");
  });

  it("types a field without any type as unknown, and leaves typed fields alone", () => {
    expect(field({ description: "any JSON value" })).toEqual({
      field: { description: "any JSON value", tsType: "unknown" },
    });
    expect(field({ type: "string" })).toEqual({ field: { type: "string" } });
  });
});
