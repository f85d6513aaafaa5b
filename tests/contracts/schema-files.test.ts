// schemas/*.schema.json are generated from contracts/schemas (which take every number and
// pattern from contracts/thresholds.ts): the committed files must be exactly what the sources say,
// be valid draft 2020-12 schemas under ajv's strict mode, and cite only known rule IDs.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { SCHEMA_SOURCES, schemaFileName } from "@scaleway-infra/contracts/schemas";
import { RULE_KEYWORD } from "@scaleway-infra/contracts/schemas/annotations";
import { SHAPE_RULE } from "@scaleway-infra/contracts/schemas/error-response";
import { CONTRACT_NAMES } from "@scaleway-infra/contracts/documents/types";
import { schemaCompilationCount, schemaValidator } from "@scaleway-infra/contracts/documents/validator";
import { isRuleId } from "@scaleway-infra/contracts/rules/catalog";
import { MIN_INSTANCES, RETENTION_DAYS } from "@scaleway-infra/contracts/thresholds";
import { REPO_ROOT } from "./support";

const schemaDir = join(REPO_ROOT, "schemas");

function committed(contract: (typeof CONTRACT_NAMES)[number]): Record<string, unknown> {
  return JSON.parse(readFileSync(join(schemaDir, schemaFileName(contract)), "utf8")) as Record<
    string,
    unknown
  >;
}

describe("schemas/", () => {
  it("holds exactly one schema file per contract", () => {
    expect(readdirSync(schemaDir).sort()).toEqual(CONTRACT_NAMES.map(schemaFileName).sort());
  });

  it.each(CONTRACT_NAMES)("%s.schema.json equals what its TypeScript source generates", (contract) => {
    expect(committed(contract)).toEqual(JSON.parse(JSON.stringify(SCHEMA_SOURCES[contract])));
  });

  it.each(CONTRACT_NAMES)(
    "%s.schema.json declares draft 2020-12 and compiles in ajv strict mode",
    (contract) => {
      expect(committed(contract).$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(typeof schemaValidator(contract)).toBe("function");
    },
  );

  it.each(CONTRACT_NAMES)("%s.schema.json cites only rule IDs of the catalog", (contract) => {
    const cited: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (typeof node === "object" && node !== null) {
        for (const [key, value] of Object.entries(node)) {
          if (key === RULE_KEYWORD) cited.push(String(value));
          else walk(value);
        }
      }
    };
    walk(committed(contract));
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.filter((id) => !isRuleId(id) && id !== SHAPE_RULE)).toEqual([]);
  });

  it("takes environment thresholds from contracts/thresholds.ts (min instances, retention days)", () => {
    const text = readFileSync(join(schemaDir, "container.schema.json"), "utf8");
    const container = JSON.parse(text) as {
      allOf: {
        if: unknown;
        then: { properties: { scaling: { properties: { min_instances: { minimum: number } } } } };
      }[];
    };
    const minimums = container.allOf
      .map((branch) => branch.then.properties.scaling?.properties.min_instances.minimum)
      .filter((m) => m !== undefined);
    expect(minimums).toEqual(Object.values(MIN_INSTANCES));
    const database = committed("database") as {
      allOf: { then: { properties: { backup?: { properties: { retention_days: { enum: number[] } } } } } }[];
    };
    const retention = database.allOf
      .map((b) => b.then.properties.backup?.properties.retention_days.enum)
      .filter(Boolean);
    expect(retention).toEqual(Object.values(RETENTION_DAYS));
  });

  it("compiles nothing on import, and only the contract that is used", () => {
    jest.isolateModules(() => {
      type ValidatorModule = typeof import("@scaleway-infra/contracts/documents/validator");
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fresh: ValidatorModule = require("@scaleway-infra/contracts/documents/validator");
      expect(fresh.schemaCompilationCount()).toBe(0);
      fresh.schemaValidator("state");
      fresh.schemaValidator("state");
      expect(fresh.schemaCompilationCount()).toBe(1);
    });
  });

  it("compiles each validator once and reuses it", () => {
    const first = CONTRACT_NAMES.map((c) => schemaValidator(c));
    const count = schemaCompilationCount();
    const again = CONTRACT_NAMES.map((c) => schemaValidator(c));
    expect(again).toEqual(first);
    expect(schemaCompilationCount()).toBe(count);
  });
});
