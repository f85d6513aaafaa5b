// A failing production plan for the HTML report tests: the shipped production stack file copied to a
// temporary folder with a canary value planted twice (a `secure:` value and a plain variable), a
// component bug (a non-HA database, DB-2), a container written by hand with a hostile name (one
// instance in production, CTR-4), and a waiver, so every section of the page has something to show.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as scaleway from "@pulumiverse/scaleway";
import { readStackFile } from "@scaleway-infra/contracts/config/stack-file";
import { validateStack } from "@scaleway-infra/contracts/config/validate-stack";
import { locateFindings } from "../../../cli/plan/config-sources";
import { evaluateCompliance } from "../../../cli/plan/evaluate";
import type { ComplianceReport } from "../../../cli/plan/model";
import { planContracts, PROJECT_ROOT } from "../../../cli/plan/plan-stack";
import { attestationFields, undeclaredAttestations } from "../../../cli/plan/rule-scope";

export const STACK_FILE = "Pulumi.production.yaml";
/** A value that must never reach the page: it stands for a secret written in the stack file. */
export const CANARY = "zz-canary-5b1e9d4a7c";
/**
 * A `secure:` value of the shape of Pulumi ciphertext (a 12-byte nonce and a ciphertext, base64) that
 * carries the canary, base64-encoded: a value that is not ciphertext is refused by the stack reader.
 */
export const SECURE_CANARY = `v1:zzcanary5b1e9d4a:${Buffer.from(`${CANARY}-secure-value`).toString("base64")}`;
/** A resource name that would run script if the page did not escape it. */
export const HOSTILE_NAME = `evil</script><img src=x onerror="window.__pwned=1"><!--`;

export interface FailingPlan {
  report: ComplianceReport;
  exitCode: number;
  /** The temporary folder holding the planted stack file and waivers: the renderer's cwd. */
  cwd: string;
}

export async function failingProductionPlan(): Promise<FailingPlan> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "html-report-"));
  const original = fs.readFileSync(path.join(PROJECT_ROOT, STACK_FILE), "utf8");
  const planted = original
    .replace(/secure: v1:[^\s]+/, `secure: ${SECURE_CANARY}`)
    .replace(
      "        - name: LOG_LEVEL\n          value: info\n",
      `        - name: LOG_LEVEL\n          value: info\n        - name: FEATURE_FLAGS\n          value: ${CANARY}\n`,
    );
  if (!planted.includes(`secure: ${SECURE_CANARY}`) || !planted.includes(`value: ${CANARY}`))
    throw new Error("the canary could not be planted in the production stack file");
  fs.writeFileSync(path.join(cwd, STACK_FILE), planted);
  fs.writeFileSync(
    path.join(cwd, "waivers.yaml"),
    [
      "waivers:",
      "  - rule: CTR-4",
      "    name: hand-written-waived",
      "    reason: 'tool retired next sprint </script><b>bold</b>'",
      "    owner: platform@example.eu",
      // Within the 180-day horizon a production waiver may have (docs/policy-pack.md), whatever the day.
      `    expires: "${new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)}"`,
      "",
    ].join("\n"),
  );
  const input = readStackFile(path.join(cwd, STACK_FILE), { shownAs: STACK_FILE });
  const contracts = structuredClone(validateStack(input));
  contracts.database.high_availability = false; // what a bug in a component would do
  const handWritten = (name: string) =>
    new scaleway.containers.Container(name, {
      name: "hand-written",
      namespaceId: "fr-par/11111111-2222-4333-8444-555555555555",
      registryImage: "rg.fr-par.scw.cloud/scaleway-infra-production/tools@sha256:" + "a".repeat(64),
      minScale: 1,
      maxScale: 2,
      privacy: "private",
      tags: ["env:production", "service:documentation"],
    });
  const planned = await planContracts({
    stack: "production",
    stackFile: STACK_FILE,
    input,
    contracts,
    alsoRegister: () => {
      handWritten(HOSTILE_NAME);
      handWritten("hand-written-waived");
    },
  });
  const { report, exitCode } = await evaluateCompliance({
    resources: planned.resources,
    stack: "production",
    environment: "production",
    source: "plan",
    configValidated: true,
    undeclaredAttestations: undeclaredAttestations(planned.contracts),
    attestationSources: Object.fromEntries(
      Object.entries(attestationFields(planned.contracts)).flatMap(([ruleId, field]) => {
        const location = planned.input.locate?.(field.key, field.pointer);
        return location ? [[ruleId, location]] : [];
      }),
    ),
    strict: false,
    cwd,
    locateFindings: (findings) =>
      locateFindings(findings, planned.resources, planned.contracts, planned.input),
  });
  return { report, exitCode, cwd };
}
