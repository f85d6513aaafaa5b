// A SARIF 2.1.0 log of an invalid stack (INFRA_001): one result per problem, at its file:line, so that
// `plan --format sarif --output FILE` in CI still uploads something code scanning can annotate when
// the stack file breaks a rule before any resource exists (the compliance report needs resources).
import type { InfraError } from "@scaleway-infra/contracts/errors/infra-error";
import type { SourceLocation } from "../plan/model";
import { isRuleId, ruleById } from "@scaleway-infra/contracts/rules/catalog";
import { TOOL } from "../plan/compliance";
import { physicalLocation, SARIF_LOG, sarifTool, SRCROOT_BASE_IDS } from "./sarif";

/** The SARIF log of an error's problems; `fallback` places a problem that has no file of its own. */
export function sarifOfInvalidInput(error: InfraError, fallback: SourceLocation): Record<string, unknown> {
  const ruleIds = [...new Set(error.problems.map((p) => p.rule))];
  const results = error.problems.map((p) => {
    const location: SourceLocation = p.file
      ? { file: p.file, line: p.line ?? 1, ...(p.column ? { column: p.column } : {}) }
      : fallback;
    const where = p.configKey ? `${p.configKey}${p.path}` : p.path || "/";
    return {
      ruleId: p.rule,
      ruleIndex: ruleIds.indexOf(p.rule),
      level: "error",
      message: { text: `${where}: ${p.message} Fix: ${p.fix}` },
      locations: [{ physicalLocation: physicalLocation(location) }],
      properties: { code: error.code, requestId: error.requestId },
    };
  });
  return {
    ...SARIF_LOG,
    runs: [
      {
        tool: sarifTool(
          TOOL,
          ruleIds.map((id) => ({
            id,
            shortDescription: {
              text: isRuleId(id) ? `${id}: ${ruleById(id).title}` : "The document has the contract's shape.",
            },
            defaultConfiguration: { level: "error" },
            properties: { tags: ["iac", "scaleway", "config", id] },
          })),
        ),
        originalUriBaseIds: SRCROOT_BASE_IDS,
        invocations: [{ executionSuccessful: false, exitCode: 2 }],
        results,
      },
    ],
  };
}
