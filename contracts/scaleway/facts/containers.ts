// What Scaleway Serverless Containers accept: resources, their unit, ports, scale, variables. The
// container component and the stack checks read these values; errors cite them (citeFact).
import { fact, type FactSource } from "./fact";
import { docsPage, providerFile, READ_ON, sdkGoFile } from "./sources";

const LIMITATIONS: FactSource = {
  ref: docsPage(
    "f7c83c740fdbd351dd88b801aafddef2537ca2fc",
    "pages/serverless-containers/reference-content/containers-limitations.mdx",
  ),
  read: READ_ON,
};

/** Bytes in one of the MB that `resources.memory` counts: decimal, as the provider converts MB. */
export const BYTES_PER_MB = 1_000_000;

export const CONTAINER_MEMORY_UNIT = fact(
  "containers.memory-unit",
  "memoryLimitBytes is in bytes, and Scaleway's MB is decimal: 1 MB = 1,000,000 bytes (2048 MB = 2,048,000,000 bytes)",
  BYTES_PER_MB,
  [
    {
      ref: providerFile("internal/services/container/helpers_container.go"),
      read: READ_ON,
      note: "memory_limit (MB) is sent as memory_limit * scw.MB",
    },
    { ref: sdkGoFile("scw/custom_types.go"), read: READ_ON, note: "KB = 1000 * B; MB = 1000 * KB" },
    {
      ref: providerFile("internal/services/container/container_test.go"),
      read: READ_ON,
      note: "memory_limit 1120 reads back as memory_limit_bytes 1120000000",
    },
  ],
);

export const CONTAINER_CPU_RANGE = fact(
  "containers.cpu-range",
  "a container has between 70 and 6000 mvCPU",
  { min: 70, max: 6000 },
  [LIMITATIONS],
);

export const CONTAINER_MEMORY_RANGE = fact(
  "containers.memory-range",
  "a container has between 128 and 12228 MB of memory (the limit as the limitations page prints it)",
  { min: 128, max: 12228 },
  [LIMITATIONS],
);

export interface CpuMemoryPair {
  readonly cpu: number;
  readonly memory: number;
}

/**
 * The vCPU/memory combinations Scaleway documents for containers: the provider's table (memory must
 * "correspond with the right amount of vCPU"), plus the pair Scaleway applies when neither is set.
 */
export const CONTAINER_CPU_MEMORY_PAIRS = fact<readonly CpuMemoryPair[]>(
  "containers.cpu-memory-pairs",
  "memory must go with its documented vCPU: 128 MB/70, 256/140, 512/280, 1024/560, 2048/1120, 3072/1680, 4096/2240 mvCPU, or the default 2048 MB/1000 mvCPU",
  [
    { memory: 128, cpu: 70 },
    { memory: 256, cpu: 140 },
    { memory: 512, cpu: 280 },
    { memory: 1024, cpu: 560 },
    { memory: 2048, cpu: 1120 },
    { memory: 3072, cpu: 1680 },
    { memory: 4096, cpu: 2240 },
    { memory: 2048, cpu: 1000 },
  ],
  [
    {
      ref: providerFile("docs/resources/container.md"),
      read: READ_ON,
      note: "section 'Memory and vCPUs configuration': the memory/vCPU table",
    },
    { ...LIMITATIONS, note: "'Default values for CPU and memory limits': 1000 mvCPU, 2048 MB" },
  ],
);

export function isDocumentedCpuMemoryPair(cpu: number, memory: number): boolean {
  return CONTAINER_CPU_MEMORY_PAIRS.value.some((pair) => pair.cpu === cpu && pair.memory === memory);
}

export const CONTAINER_PORT_RANGE = fact(
  "containers.port-range",
  "a container listens on one TCP port, 1 to 65535; Scaleway passes it to the container as $PORT",
  { min: 1, max: 65535 },
  [
    {
      ref: docsPage(
        "7c0d9e90b402830085c01848d10d5c9721d64761",
        "pages/serverless-containers/reference-content/port-parameter-variable.mdx",
      ),
      read: READ_ON,
      note: "only one port per container, passed in PORT",
    },
    { ref: sdkGoFile("api/container/v1/container_sdk.go"), read: READ_ON, note: "Port uint32" },
  ],
);

export const CONTAINER_RESERVED_PORTS = fact<readonly number[]>(
  "containers.reserved-ports",
  "containers must not listen on 8008, 8012, 8013, 8022, 9090 or 9091: Scaleway's own services use them",
  [8008, 8012, 8013, 8022, 9090, 9091],
  [{ ...LIMITATIONS, note: "'Unavailable custom ports'" }],
);

export const CONTAINER_MAX_SCALE = fact(
  "containers.max-scale",
  "a container scales to at most 50 simultaneous instances",
  50,
  [LIMITATIONS],
);

export const CONTAINER_VARIABLE_LIMITS = fact(
  "containers.variable-limits",
  "at most 200 environment variables (1000 characters each) and 200 secret variables (65536 bytes each), container and namespace together",
  { maxVariables: 200, maxVariableChars: 1000, maxSecretVariables: 200, maxSecretVariableBytes: 65536 },
  [LIMITATIONS],
);

export const CONTAINER_RESERVED_VARIABLES = fact(
  "containers.reserved-variables",
  "the variable PORT and every variable starting with SCW_ are reserved by Scaleway",
  { names: ["PORT"] as readonly string[], prefixes: ["SCW_"] as readonly string[] },
  [{ ...LIMITATIONS, note: "'Reserved environment variables'" }],
);

export function isReservedVariableName(name: string): boolean {
  const { names, prefixes } = CONTAINER_RESERVED_VARIABLES.value;
  return names.includes(name) || prefixes.some((prefix) => name.startsWith(prefix));
}

export const CONTAINER_PROTOCOLS = fact<readonly string[]>(
  "containers.protocols",
  "a container speaks http1 or h2c",
  ["http1", "h2c"],
  [
    {
      ref: providerFile("internal/services/container/container.go"),
      read: READ_ON,
      note: "protocol: ValidateEnum[container.ContainerProtocol]",
    },
  ],
);

export const CONTAINER_IMAGE_PLATFORM = fact(
  "containers.image-platform",
  "images must be built for linux/amd64",
  "linux/amd64",
  [{ ...LIMITATIONS, note: "'Architecture'" }],
);

export const CONTAINER_DEPLOYS_ON_CREATE = fact(
  "containers.deploys-on-create",
  "a container is deployed as soon as it is created or changed, so its image must already be in the registry",
  true,
  [
    {
      ref: providerFile("internal/services/container/container.go"),
      read: READ_ON,
      note: "deploy is deprecated: 'Containers are now automatically deployed or redeployed'",
    },
  ],
);

export const CONTAINER_DEFAULT_PRIVACY = fact(
  "containers.default-privacy",
  "a container whose privacy is not set is public: anyone can call its endpoint without a token",
  "public",
  [
    {
      ref: providerFile("internal/services/container/container.go"),
      read: READ_ON,
      note: "privacy: Optional, Default: container.ContainerPrivacyPublic",
    },
  ],
);

export const CONTAINER_FACTS = [
  CONTAINER_DEFAULT_PRIVACY,
  CONTAINER_MEMORY_UNIT,
  CONTAINER_CPU_RANGE,
  CONTAINER_MEMORY_RANGE,
  CONTAINER_CPU_MEMORY_PAIRS,
  CONTAINER_PORT_RANGE,
  CONTAINER_RESERVED_PORTS,
  CONTAINER_MAX_SCALE,
  CONTAINER_VARIABLE_LIMITS,
  CONTAINER_RESERVED_VARIABLES,
  CONTAINER_PROTOCOLS,
  CONTAINER_IMAGE_PLATFORM,
  CONTAINER_DEPLOYS_ON_CREATE,
] as const;
