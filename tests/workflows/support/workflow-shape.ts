// The fallback lint when actionlint is not available: a JSON Schema of the workflow syntax this
// project uses (top-level keys, jobs with runs-on and steps, each step either `uses` or `run`), plus
// the cross-references a schema cannot express (`needs` names existing jobs, no cycles, balanced
// `${{ }}`). Far weaker than actionlint, and the test says which one ran.
import Ajv2020 from "ajv/dist/2020";

const stepSchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    if: { type: ["string", "boolean"] },
    uses: { type: "string", pattern: "^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[A-Za-z0-9_.-]+$" },
    run: { type: "string", minLength: 1 },
    shell: { type: "string" },
    with: { type: "object" },
    env: { type: "object" },
    "working-directory": { type: "string" },
    "continue-on-error": { type: ["boolean", "string"] },
    "timeout-minutes": { type: ["number", "string"] },
  },
  additionalProperties: false,
  oneOf: [{ required: ["uses"] }, { required: ["run"] }],
};

const jobSchema = {
  type: "object",
  required: ["runs-on", "steps"],
  properties: {
    name: { type: "string" },
    "runs-on": { type: ["string", "array"] },
    needs: { type: ["string", "array"] },
    if: { type: ["string", "boolean"] },
    permissions: { type: ["object", "string"] },
    environment: { anyOf: [{ type: "string" }, { type: "object", required: ["name"] }] },
    concurrency: { type: ["object", "string"] },
    strategy: { type: "object" },
    env: { type: "object" },
    defaults: { type: "object" },
    outputs: { type: "object" },
    "timeout-minutes": { type: ["number", "string"] },
    "continue-on-error": { type: ["boolean", "string"] },
    steps: { type: "array", minItems: 1, items: stepSchema },
  },
  additionalProperties: false,
};

export const WORKFLOW_SCHEMA = {
  type: "object",
  required: ["on", "jobs"],
  properties: {
    name: { type: "string" },
    "run-name": { type: "string" },
    on: { type: ["string", "array", "object"] },
    permissions: { type: ["object", "string"] },
    env: { type: "object" },
    defaults: { type: "object" },
    concurrency: { type: ["object", "string"] },
    jobs: { type: "object", minProperties: 1, additionalProperties: jobSchema },
  },
  additionalProperties: false,
};

const validate = new Ajv2020({ allErrors: true, strict: false }).compile(WORKFLOW_SCHEMA);

/** Problems of a parsed workflow and its text; empty when it passes. */
export function workflowShapeProblems(workflow: unknown, text: string): string[] {
  const problems = validate(workflow)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
  const jobs = (workflow as { jobs?: Record<string, { needs?: string | string[] }> }).jobs ?? {};
  const needsOf = (name: string): string[] => {
    const needs = jobs[name]?.needs;
    return needs === undefined ? [] : Array.isArray(needs) ? needs : [needs];
  };
  for (const name of Object.keys(jobs)) {
    for (const need of needsOf(name))
      if (!(need in jobs)) problems.push(`/jobs/${name}/needs names unknown job "${need}"`);
  }
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (name: string): void => {
    if (done.has(name)) return;
    if (visiting.has(name)) {
      problems.push(`/jobs/${name}/needs forms a cycle`);
      return;
    }
    visiting.add(name);
    for (const need of needsOf(name)) if (need in jobs) visit(need);
    visiting.delete(name);
    done.add(name);
  };
  Object.keys(jobs).forEach(visit);
  const opened = (text.match(/\$\{\{/g) ?? []).length;
  const closed = (text.match(/\}\}/g) ?? []).length;
  if (opened > closed) problems.push("an expression `${{` is not closed");
  return problems;
}
