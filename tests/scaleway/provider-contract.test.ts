// The provider contract test: every Scaleway resource the program registers, for both shipped stacks
// and for generated ones, has inputs Scaleway accepts (contracts/scaleway/provider-inputs.ts against the
// facts of contracts/scaleway/facts). Each check is shown to fail on a planted wrong value.
import fc from "fast-check";
import { validateStack } from "@scaleway-infra/contracts/config/validate-stack";
import type { StackInput } from "@scaleway-infra/contracts/config/stack-input";
import type { PlannedResource } from "../../cli/plan/model";
import { runProgramUnderMocks } from "../../cli/plan/run-program";
import { defineInfrastructure } from "../../components/program/define-infrastructure";
import {
  CONTAINER_CPU_MEMORY_PAIRS,
  CONTAINER_RESERVED_PORTS,
} from "@scaleway-infra/contracts/scaleway/facts/containers";
import { postgresqlVersionsOnSale, RDB_NODE_TYPES } from "@scaleway-infra/contracts/scaleway/facts/rdb";
import {
  checkProviderInputs,
  PROVIDER_CHECKED_KINDS,
  type ProviderCheckedKind,
  type ProviderInputProblem,
} from "@scaleway-infra/contracts/scaleway/provider-inputs";
import { kindOf } from "../../policies/resource-types";
import { readShippedStack, REPO_ROOT, SHIPPED_STACKS } from "../program/support/shipped-stacks";

function checkedKind(resource: PlannedResource): ProviderCheckedKind | undefined {
  const kind = kindOf(resource.type);
  return (PROVIDER_CHECKED_KINDS as readonly string[]).includes(kind ?? "")
    ? (kind as ProviderCheckedKind)
    : undefined;
}

async function plan(input: StackInput): Promise<PlannedResource[]> {
  const contracts = validateStack(input);
  const run = await runProgramUnderMocks(() => defineInfrastructure(contracts, { stack: input.stack }), {
    project: "scaleway-infra",
    stack: input.stack,
    sourceRoot: REPO_ROOT,
  });
  return run.resources;
}

function problemsOf(
  resources: readonly PlannedResource[],
): Array<ProviderInputProblem & { resource: string }> {
  return resources.flatMap((resource) => {
    const kind = checkedKind(resource);
    return kind
      ? checkProviderInputs(kind, resource.props).map((p) => ({ ...p, resource: resource.name }))
      : [];
  });
}

function one(
  resources: readonly PlannedResource[],
  kind: ProviderCheckedKind,
  name?: string,
): PlannedResource {
  const found = resources.filter((r) => checkedKind(r) === kind && (name === undefined || r.name === name));
  if (found.length === 0) throw new Error(`no ${kind} ${name ?? ""}`);
  return found[0];
}

/** The props of a resource with one input changed: the planted wrong value. */
function planted(resource: PlannedResource, change: Record<string, unknown>): Record<string, unknown> {
  return { ...resource.props, ...change };
}

function factIds(kind: ProviderCheckedKind, props: Record<string, unknown>): string[] {
  return checkProviderInputs(kind, props).map((p) => p.factId);
}

describe.each(SHIPPED_STACKS)("the shipped %s stack against Scaleway's facts", (stack) => {
  let resources: PlannedResource[];
  beforeAll(async () => {
    resources = await plan(readShippedStack(stack));
  });

  it("registers containers, a database instance and secrets, and every input of each is accepted", () => {
    const counts = PROVIDER_CHECKED_KINDS.map(
      (kind) => resources.filter((r) => checkedKind(r) === kind).length,
    );
    expect(counts).toEqual([3, 1, 4, 0]);
    expect(problemsOf(resources)).toEqual([]);
  });

  it("sends memory in decimal bytes: 2048 MB is 2,048,000,000 bytes", () => {
    expect(one(resources, "container", `${stack}-documentation`).props.memoryLimitBytes).toBe(2_048_000_000);
  });

  it("refuses a planted binary-MB memory (2048 MiB)", () => {
    const container = one(resources, "container");
    expect(factIds("container", planted(container, { memoryLimitBytes: 2048 * 1024 * 1024 }))).toContain(
      "containers.memory-unit",
    );
  });

  it("refuses a planted CPU/memory pair Scaleway does not document (70 mvCPU with 4096 MB)", () => {
    const container = one(resources, "container");
    expect(
      factIds("container", planted(container, { cpuLimit: 70, memoryLimitBytes: 4_096_000_000 })),
    ).toEqual(["containers.cpu-memory-pairs"]);
  });

  it("refuses a planted reserved port (9090)", () => {
    const container = one(resources, "container");
    expect(factIds("container", planted(container, { port: 9090 }))).toEqual(["containers.reserved-ports"]);
  });

  it("refuses a planted deprecated input (memoryLimit)", () => {
    const container = one(resources, "container");
    expect(factIds("container", planted(container, { memoryLimit: 2048 }))).toEqual([
      "provider.deprecated-input",
    ]);
  });

  it("refuses a planted node type no longer sold (DB-GP-XS) and an engine past its end of life (PostgreSQL-14)", () => {
    const instance = one(resources, "databaseInstance");
    expect(factIds("databaseInstance", planted(instance, { nodeType: "DB-GP-XS" }))).toEqual([
      "rdb.node-types",
    ]);
    expect(factIds("databaseInstance", planted(instance, { engine: "PostgreSQL-14" }))).toEqual([
      "rdb.postgresql-versions",
    ]);
    expect(factIds("databaseInstance", planted(instance, { engine: "Postgres 16" }))).toEqual([
      "rdb.engine-string",
    ]);
  });

  it("refuses a planted secret expiry beyond a year, and an unknown expiry action", () => {
    const secret = resources.find(
      (r) => checkedKind(r) === "secret" && r.props.ephemeralPolicies !== undefined,
    );
    expect(secret).toBeDefined();
    const props = planted(secret as PlannedResource, {
      ephemeralPolicies: [{ ttl: "9000h", action: "rotate" }],
    });
    expect(factIds("secret", props)).toEqual([
      "secret-manager.ephemeral-ttl",
      "secret-manager.ephemeral-actions",
    ]);
  });

  it("skips values not known yet instead of guessing", () => {
    const container = one(resources, "container");
    const unknown = Symbol.for("scaleway-infra.unknown");
    expect(factIds("container", planted(container, { memoryLimitBytes: unknown, port: undefined }))).toEqual(
      [],
    );
  });
});

/** A shipped stack with the container and database fields a generated case sets. */
function generatedStack(
  base: StackInput,
  containers: Array<{ pair: { cpu: number; memory: number }; port: number | undefined }>,
  database: { nodeType: string; version: string; sizeGb: number },
): StackInput {
  const raw = base.values.containers as Array<Record<string, unknown>>;
  const values = {
    ...base.values,
    containers: raw.map((container, index) => {
      const { pair, port } = containers[index % containers.length];
      const next: Record<string, unknown> = {
        ...container,
        resources: { cpu: pair.cpu, memory: pair.memory },
      };
      if (port === undefined) delete next.port;
      else next.port = port;
      return next;
    }),
    database: {
      ...(base.values.database as Record<string, unknown>),
      node_type: database.nodeType,
      engine: { version: database.version, type: "PostgreSQL" },
      storage: { size_gb: database.sizeGb, type: "sbs_15k" },
    },
  };
  return { ...base, values };
}

const anyCase = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((flags) => [...text].map((c, i) => (flags[i] ? c.toLowerCase() : c.toUpperCase())).join(""));

const containerArb = fc.record({
  pair: fc.constantFrom(...CONTAINER_CPU_MEMORY_PAIRS.value),
  port: fc.option(
    fc.integer({ min: 1, max: 65535 }).filter((p) => !CONTAINER_RESERVED_PORTS.value.includes(p)),
    { nil: undefined },
  ),
});
const databaseArb = fc.record({
  nodeType: fc.constantFrom(...RDB_NODE_TYPES.value).chain(anyCase),
  version: fc.constantFrom(...postgresqlVersionsOnSale()),
  sizeGb: fc.integer({ min: 1, max: 2000 }).map((n) => n * 5),
});

describe("generated stacks against Scaleway's facts", () => {
  it("plan only inputs Scaleway accepts, with each container's port", async () => {
    const base = readShippedStack("staging");
    await fc.assert(
      fc.asyncProperty(
        fc.array(containerArb, { minLength: 3, maxLength: 3 }),
        databaseArb,
        async (containers, database) => {
          const resources = await plan(generatedStack(base, containers, database));
          expect(problemsOf(resources)).toEqual([]);
          const ports = Object.fromEntries(
            resources.filter((r) => checkedKind(r) === "container").map((r) => [r.props.name, r.props.port]),
          );
          const services = (base.values.containers as Array<{ name: string }>).map((c) => c.name);
          expect(ports).toEqual(
            Object.fromEntries(
              services.map((service, i) => [`staging-${service}`, containers[i].port ?? 8080]),
            ),
          );
          expect(one(resources, "databaseInstance").props.nodeType).toBe(database.nodeType.toUpperCase());
        },
      ),
      { numRuns: 12, seed: 20261203 },
    );
  }, 120_000);

  it("refuses, before any resource, a CPU/memory pair Scaleway does not document, naming the fact and its source", () => {
    const base = readShippedStack("staging");
    const documented = (cpu: number, memory: number) =>
      CONTAINER_CPU_MEMORY_PAIRS.value.some((p) => p.cpu === cpu && p.memory === memory);
    fc.assert(
      fc.property(fc.integer({ min: 70, max: 6000 }), fc.integer({ min: 128, max: 12228 }), (cpu, memory) => {
        fc.pre(!documented(cpu, memory));
        const input = generatedStack(base, [{ pair: { cpu, memory }, port: undefined }], {
          nodeType: "DB-PLAY2-PICO",
          version: "16",
          sizeGb: 20,
        });
        expect(() => validateStack(input)).toThrow(expect.objectContaining({ code: "INFRA_001" }));
        try {
          validateStack(input);
        } catch (error) {
          const text = JSON.stringify((error as { problems: unknown }).problems);
          expect(text).toContain("containers.cpu-memory-pairs");
          expect(text).toContain("terraform-provider-scaleway");
        }
      }),
      { numRuns: 100, seed: 20261203 },
    );
  });
});
