// contracts/documents/types.ts must not drift from the schemas: the TypeScript compiler reads each
// contract's interface (fields, optionality, primitive types, string-literal unions) and the test
// compares it with the schema's properties, `required` and `enum`/`const`. A planted drift checks
// that the comparison can fail.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ts from "typescript";
import { CONTRACT_SCHEMAS } from "@scaleway-infra/contracts/documents/validator";
import { CONTRACT_NAMES, type ContractName } from "@scaleway-infra/contracts/documents/types";
import { REPO_ROOT } from "./support";

/** A common description of a type, from either side. */
type Shape =
  | { kind: "object"; fields: Record<string, { optional: boolean; shape: Shape }> }
  | { kind: "array"; items: Shape }
  | { kind: "primitive"; type: "string" | "number" | "boolean"; literals?: string[] }
  | { kind: "open" };

function shapeOfType(checker: ts.TypeChecker, type: ts.Type, depth = 0): Shape {
  if (depth > 10) return { kind: "open" };
  const nonUndefined = type.isUnion()
    ? type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined))
    : [type];
  if (nonUndefined.length > 1) {
    if (nonUndefined.every((t) => t.isStringLiteral())) {
      return {
        kind: "primitive",
        type: "string",
        literals: nonUndefined.map((t) => (t as ts.StringLiteralType).value).sort(),
      };
    }
    if (nonUndefined.every((t) => t.flags & ts.TypeFlags.BooleanLiteral))
      return { kind: "primitive", type: "boolean" };
    return { kind: "open" };
  }
  const single = nonUndefined[0];
  if (single.flags & ts.TypeFlags.StringLiteral)
    return { kind: "primitive", type: "string", literals: [(single as ts.StringLiteralType).value] };
  if (single.flags & ts.TypeFlags.String) return { kind: "primitive", type: "string" };
  if (single.flags & ts.TypeFlags.Number) return { kind: "primitive", type: "number" };
  if (single.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral))
    return { kind: "primitive", type: "boolean" };
  if (checker.isArrayType(single)) {
    return {
      kind: "array",
      items: shapeOfType(checker, checker.getTypeArguments(single as ts.TypeReference)[0], depth + 1),
    };
  }
  if (single.getStringIndexType()) return { kind: "open" };
  if (single.flags & ts.TypeFlags.Object) {
    const fields: Record<string, { optional: boolean; shape: Shape }> = {};
    for (const property of checker.getPropertiesOfType(single)) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      const propertyType = checker.getTypeOfSymbolAtLocation(property, declaration!);
      fields[property.name] = {
        optional: (property.flags & ts.SymbolFlags.Optional) !== 0,
        shape: shapeOfType(checker, propertyType, depth + 1),
      };
    }
    return { kind: "object", fields };
  }
  return { kind: "open" };
}

/** The shape of ContractDocuments[contract] for each contract, read from a types file. */
function interfaceShapes(typesFile: string): Record<string, Shape> {
  const program = ts.createProgram([typesFile], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(typesFile)!;
  const documents = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === "ContractDocuments",
  )!;
  const shapes: Record<string, Shape> = {};
  for (const member of checker.getPropertiesOfType(checker.getTypeAtLocation(documents))) {
    shapes[member.name] = shapeOfType(checker, checker.getTypeOfSymbolAtLocation(member, documents));
  }
  return shapes;
}

type SchemaNode = Record<string, unknown>;
function shapeOfSchema(schema: SchemaNode): Shape {
  const type = schema.type;
  if (type === "object") {
    if (!schema.properties) return { kind: "open" };
    if (schema.additionalProperties !== false) return { kind: "open" };
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const fields: Record<string, { optional: boolean; shape: Shape }> = {};
    for (const [name, property] of Object.entries(schema.properties as Record<string, SchemaNode>)) {
      fields[name] = { optional: !required.has(name), shape: shapeOfSchema(property) };
    }
    return { kind: "object", fields };
  }
  if (type === "array") return { kind: "array", items: shapeOfSchema(schema.items as SchemaNode) };
  if (type === "string") {
    const literals = Array.isArray(schema.enum)
      ? (schema.enum as string[])
      : schema.const !== undefined
        ? [schema.const as string]
        : undefined;
    return literals
      ? { kind: "primitive", type: "string", literals: [...literals].sort() }
      : { kind: "primitive", type: "string" };
  }
  if (type === "integer" || type === "number") return { kind: "primitive", type: "number" };
  if (type === "boolean") return { kind: "primitive", type: "boolean" };
  return { kind: "open" };
}

/** Differences between a TypeScript shape and a schema shape, as readable lines. */
function drift(path: string, typed: Shape, schema: Shape): string[] {
  if (typed.kind === "open" || schema.kind === "open") return [];
  if (typed.kind !== schema.kind) return [`${path}: TypeScript has ${typed.kind}, schema has ${schema.kind}`];
  if (typed.kind === "array" && schema.kind === "array") return drift(`${path}[]`, typed.items, schema.items);
  if (typed.kind === "primitive" && schema.kind === "primitive") {
    if (typed.type !== schema.type) return [`${path}: TypeScript ${typed.type}, schema ${schema.type}`];
    // A literal union in TypeScript must list exactly the schema's values.
    if (typed.literals && JSON.stringify(typed.literals) !== JSON.stringify(schema.literals)) {
      return [
        `${path}: TypeScript allows ${typed.literals.join("|")}, schema ${schema.literals?.join("|") ?? "any string"}`,
      ];
    }
    return [];
  }
  if (typed.kind === "object" && schema.kind === "object") {
    const lines: string[] = [];
    const names = new Set([...Object.keys(typed.fields), ...Object.keys(schema.fields)]);
    for (const name of names) {
      const t = typed.fields[name];
      const s = schema.fields[name];
      if (!t) lines.push(`${path}.${name}: in the schema, missing from TypeScript`);
      else if (!s) lines.push(`${path}.${name}: in TypeScript, missing from the schema`);
      else {
        if (t.optional !== s.optional)
          lines.push(
            `${path}.${name}: ${t.optional ? "optional" : "required"} in TypeScript, ${s.optional ? "optional" : "required"} in the schema`,
          );
        lines.push(...drift(`${path}.${name}`, t.shape, s.shape));
      }
    }
    return lines;
  }
  return [];
}

/** Fields compared, nested ones included (so that an unreadable interface cannot pass silently). */
function countFields(shape: Shape): number {
  if (shape.kind === "array") return countFields(shape.items);
  if (shape.kind !== "object") return 0;
  return Object.values(shape.fields).reduce((n, f) => n + 1 + countFields(f.shape), 0);
}

const typesFile = join(REPO_ROOT, "contracts", "documents", "types.ts");
const shapes = interfaceShapes(typesFile);

describe("contracts/documents/types.ts against schemas/", () => {
  it("has an interface for every contract", () => {
    expect(Object.keys(shapes).sort()).toEqual([...CONTRACT_NAMES].sort());
  });

  it.each(CONTRACT_NAMES)(
    "%s: same fields, optionality, types and enums as the schema",
    (contract: ContractName) => {
      expect(shapes[contract].kind).toBe("object");
      expect(countFields(shapes[contract])).toBe(countFields(shapeOfSchema(CONTRACT_SCHEMAS[contract])));
      expect(drift(contract, shapes[contract], shapeOfSchema(CONTRACT_SCHEMAS[contract]))).toEqual([]);
    },
  );

  it("detects a planted drift (a field dropped, an optional field made required, an enum changed)", () => {
    const planted = readFileSync(typesFile, "utf8")
      .replace(
        "  scaling: { min_instances: number; max_instances: number };",
        "  scaling: { min_instances: number };",
      )
      .replace("  end_time?: string;", "  end_time: string;")
      .replace('strategy: "rolling" | "blue_green" | "canary";', 'strategy: "rolling" | "canary";');
    const dir = mkdtempSync(join(tmpdir(), "types-drift-"));
    const file = join(dir, "types.ts");
    // The copy imports thresholds relative to contracts/documents; point it back there.
    writeFileSync(
      file,
      planted.replace(
        'from "../thresholds"',
        `from ${JSON.stringify(join(REPO_ROOT, "contracts", "thresholds"))}`,
      ),
    );
    const drifted = interfaceShapes(file);
    expect(drift("container", drifted.container, shapeOfSchema(CONTRACT_SCHEMAS.container))).toEqual([
      "container.scaling.max_instances: in the schema, missing from TypeScript",
    ]);
    expect(
      drift(
        "deployment-response",
        drifted["deployment-response"],
        shapeOfSchema(CONTRACT_SCHEMAS["deployment-response"]),
      ),
    ).toEqual(["deployment-response.end_time: required in TypeScript, optional in the schema"]);
    expect(
      drift(
        "deployment-request",
        drifted["deployment-request"],
        shapeOfSchema(CONTRACT_SCHEMAS["deployment-request"]),
      ),
    ).toEqual([
      "deployment-request.strategy: TypeScript allows canary|rolling, schema blue_green|canary|rolling",
    ]);
  });
});
