// The Markdown and JUnit forms of an invalid stack (INFRA_001), so `plan --format markdown|junit
// --output FILE` in CI still writes a PR comment or a test report that says what is wrong and where,
// instead of nothing (SARIF has its own, sarif-error.ts). One entry per problem, at its file:line.
import {
  INFRA_CODES,
  type InfraError,
  type ProblemDetail,
} from "@scaleway-infra/contracts/errors/infra-error";
import { xml, xmlLines } from "./junit";
import { markdownCode, markdownText as cell } from "./markdown-escape";

function where(problem: ProblemDetail): string {
  const place = problem.file ? `${problem.file}${problem.line ? `:${problem.line}` : ""}` : "";
  const key = problem.configKey ? `${problem.configKey}${problem.path}` : problem.path || "/";
  return place ? `${place} ${key}` : key;
}

export function markdownOfInvalidInput(error: InfraError, stack: string): string {
  const out = [
    `## scw-infra plan: ${markdownCode(stack)} — ❌ ${error.code} ${INFRA_CODES[error.code]}`,
    "",
    cell(error.message),
    "",
    "| Rule | Where | Problem | Fix |",
    "|---|---|---|---|",
    ...error.problems.map(
      (p) => `| ${cell(p.rule)} | ${markdownCode(where(p))} | ${cell(p.message)} | ${cell(p.fix)} |`,
    ),
    "",
  ];
  return out.join("\n");
}

export function junitOfInvalidInput(error: InfraError, stack: string): string {
  const cases = error.problems.map(
    (p) =>
      `    <testcase name="${xml(`${p.rule} ${where(p)}`)}" classname="scw-infra.${xml(stack)}.config-validation">\n` +
      `      <failure message="${xml(p.message)}" type="${error.code}">${xmlLines([p.message, `fix: ${p.fix}`])}</failure>\n` +
      `    </testcase>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="scw-infra plan ${xml(stack)}" tests="${cases.length}" failures="${cases.length}">`,
    `  <testsuite name="config-validation" tests="${cases.length}" failures="${cases.length}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
