// Checks of one contract document against what Scaleway accepts (contracts/scaleway/facts), beyond what a
// JSON Schema keyword can say: CPU/memory pairs, reserved ports and variable names, domains bound
// only once listed, a node type's volume. Each problem names the fact and its source, so a user
// sees why Scaleway, not the contracts, refuses the value. Reads the raw document defensively.
import { citeFact } from "../scaleway/facts/fact";
import {
  CONTAINER_CPU_MEMORY_PAIRS,
  CONTAINER_RESERVED_PORTS,
  CONTAINER_RESERVED_VARIABLES,
  isDocumentedCpuMemoryPair,
  isReservedVariableName,
} from "../scaleway/facts/containers";
import { normaliseNodeType, RDB_LOCAL_SSD_NODE_PREFIXES, RDB_VOLUME_TYPES } from "../scaleway/facts/rdb";
import type { DocumentCheck } from "./document-checks";
import { fieldAt, stringAt } from "./json-pointer";
import type { RawProblem } from "./raw-problem";
import type { ContractName } from "./types";

function integerAt(value: unknown, ...keys: string[]): number | undefined {
  const found = fieldAt(value, ...keys);
  return Number.isInteger(found) ? (found as number) : undefined;
}

function pairsText(): string {
  return CONTAINER_CPU_MEMORY_PAIRS.value.map((p) => `${p.memory} MB/${p.cpu} mvCPU`).join(", ");
}

export const cpuMemoryPair: DocumentCheck = {
  rule: "CTR-7",
  description: "resources.cpu and resources.memory are a vCPU/memory pair Scaleway documents.",
  check: (doc) => {
    const cpu = integerAt(doc, "resources", "cpu");
    const memory = integerAt(doc, "resources", "memory");
    if (cpu === undefined || memory === undefined || isDocumentedCpuMemoryPair(cpu, memory)) return [];
    const sameMemory = CONTAINER_CPU_MEMORY_PAIRS.value.filter((p) => p.memory === memory).map((p) => p.cpu);
    return [
      {
        path: "/resources/cpu",
        rule: "CTR-7",
        predicate: `with memory ${memory} MB is not a pair Scaleway accepts (${citeFact(CONTAINER_CPU_MEMORY_PAIRS)})`,
        fix:
          sameMemory.length > 0
            ? `With ${memory} MB use cpu ${sameMemory.join(" or ")}.`
            : `Use one of the documented pairs: ${pairsText()}.`,
        showValue: true,
      },
    ];
  },
};

export const portNotReserved: DocumentCheck = {
  rule: "CTR-8",
  description: "port is not one of the ports Scaleway reserves for its own services.",
  check: (doc) => {
    const port = integerAt(doc, "port");
    if (port === undefined || !CONTAINER_RESERVED_PORTS.value.includes(port)) return [];
    return [
      {
        path: "/port",
        rule: "CTR-8",
        predicate: `is reserved by Scaleway (${citeFact(CONTAINER_RESERVED_PORTS)})`,
        fix: `Make the service listen on another port (e.g. 8080), not ${CONTAINER_RESERVED_PORTS.value.join(", ")}.`,
        showValue: true,
      },
    ];
  },
};

export const variableNamesNotReserved: DocumentCheck = {
  rule: "CTR-6",
  description: "environment variable names are not PORT or SCW_*, which Scaleway reserves.",
  check: (doc) => {
    const variables = fieldAt(doc, "environment_variables");
    if (!Array.isArray(variables)) return [];
    const problems: RawProblem[] = [];
    variables.forEach((variable, index) => {
      const name = stringAt(variable, "name");
      if (name === undefined || !isReservedVariableName(name)) return;
      problems.push({
        path: `/environment_variables/${index}/name`,
        rule: "CTR-6",
        predicate: `is reserved by Scaleway (${citeFact(CONTAINER_RESERVED_VARIABLES)})`,
        fix: "Rename the variable; set the listening port with the container's port, not a PORT variable.",
        showValue: true,
      });
    });
    return problems;
  },
};

export const cnameReadyDomainsListed: DocumentCheck = {
  rule: "CTR-8",
  description: "networking.cname_ready lists only domains of networking.domains.",
  check: (doc) => {
    const ready = fieldAt(doc, "networking", "cname_ready");
    const domains = fieldAt(doc, "networking", "domains");
    if (!Array.isArray(ready)) return [];
    const declared = new Set(Array.isArray(domains) ? domains : []);
    const problems: RawProblem[] = [];
    ready.forEach((domain, index) => {
      if (typeof domain !== "string" || declared.has(domain)) return;
      problems.push({
        path: `/networking/cname_ready/${index}`,
        rule: "CTR-8",
        predicate: "is not one of networking.domains",
        fix: "Add the domain to networking.domains, or remove it from networking.cname_ready.",
        showValue: true,
      });
    });
    return problems;
  },
};

export const volumeFitsNodeType: DocumentCheck = {
  rule: "DB-7",
  description: "a local SSD (lssd) volume goes with a first-generation node type only.",
  check: (doc) => {
    const volume = stringAt(doc, "storage", "type");
    const nodeType = stringAt(doc, "node_type");
    if (volume !== "lssd" || nodeType === undefined) return [];
    const normalised = normaliseNodeType(nodeType);
    if (RDB_LOCAL_SSD_NODE_PREFIXES.some((prefix) => normalised.startsWith(prefix))) return [];
    return [
      {
        path: "/storage/type",
        rule: "DB-7",
        predicate: `cannot go with node type ${normalised}: local SSD needs a first-generation node type (${citeFact(RDB_VOLUME_TYPES)})`,
        fix: "Use storage.type sbs_5k or sbs_15k with this node type.",
        showValue: true,
      },
    ];
  },
};

/**
 * The fact checks of each contract, run after its rule checks (contracts/documents/validate.ts). Kept apart
 * from DOCUMENT_CHECKS: those are the contracts' rules and their table; these are Scaleway's facts,
 * listed in docs/scaleway-facts.md.
 */
export const FACT_CHECKS: Readonly<Partial<Record<ContractName, readonly DocumentCheck[]>>> = {
  container: [cpuMemoryPair, portNotReserved, variableNamesNotReserved, cnameReadyDomainsListed],
  database: [volumeFitsNodeType],
};
