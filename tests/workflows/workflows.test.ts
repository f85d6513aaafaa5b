// The GitHub Actions workflows: their triggers follow the workflow_trigger contract (INT-1), pull
// requests preview both stacks with the policy pack and upload the compliance plan as SARIF, main
// deploys staging then production behind approval, and every workflow passes a linter.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { contractProblems } from "@scaleway-infra/contracts/documents";
import { ACTIONLINT_VERSION, findActionlint, runActionlint } from "./support/actionlint";
import { Workflow, WorkflowJob, deriveTriggers } from "./support/workflow-triggers";
import { workflowShapeProblems } from "./support/workflow-shape";

const ROOT = path.join(__dirname, "..", "..");
const WORKFLOW_DIR = path.join(ROOT, ".github", "workflows");
const files = readdirSync(WORKFLOW_DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const text = (file: string): string => readFileSync(path.join(WORKFLOW_DIR, file), "utf8");
const workflow = (file: string): Workflow => parseYaml(text(file)) as Workflow;

function stepsOf(job: WorkflowJob): Array<{ uses?: string; run?: string; with?: Record<string, unknown> }> {
  return job.steps ?? [];
}

describe("workflow triggers (workflow_trigger contract, INT-1)", () => {
  it("finds the audit, preview and deploy workflows", () => {
    expect(files).toEqual(["audit.yml", "deploy.yml", "preview.yml"]);
  });

  // The contract's triggers are push and pull_request; the nightly audit is a schedule and is checked below.
  const triggered = files.filter((file) => file !== "audit.yml");

  it.each(triggered)("%s: every trigger is a valid workflow_trigger document", (file) => {
    const triggers = deriveTriggers(workflow(file));
    expect(triggers.length).toBeGreaterThan(0);
    for (const { job, trigger } of triggers) {
      expect({ job, trigger, problems: contractProblems("workflow-trigger", trigger) }).toEqual({
        job,
        trigger,
        problems: [],
      });
    }
  });

  it("derives, for the pull-request preview, both stacks validated by the policy pack, production behind approval", () => {
    expect(deriveTriggers(workflow("preview.yml")).map((t) => t.trigger)).toEqual([
      {
        event: "pull_request",
        branch: "main",
        environment: "staging",
        validation_required: true,
        approval_required: false,
      },
      {
        event: "pull_request",
        branch: "main",
        environment: "production",
        validation_required: true,
        approval_required: true,
      },
    ]);
  });

  it("derives, for pushes to main, a staging deploy and an approved production deploy", () => {
    expect(deriveTriggers(workflow("deploy.yml")).map((t) => [t.job, t.trigger])).toEqual([
      [
        "deploy-staging",
        {
          event: "push",
          branch: "main",
          environment: "staging",
          validation_required: true,
          approval_required: false,
        },
      ],
      [
        "deploy-production",
        {
          event: "push",
          branch: "main",
          environment: "production",
          validation_required: true,
          approval_required: true,
        },
      ],
    ]);
  });

  it("fails INT-1 when the production job leaves its protected GitHub environment", () => {
    const broken = workflow("deploy.yml");
    broken.jobs["deploy-production"].environment = "production-unprotected";
    const production = deriveTriggers(broken).find((t) => t.job === "deploy-production");
    expect(contractProblems("workflow-trigger", production?.trigger).length).toBeGreaterThan(0);
  });

  it("fails INT-1 when a production job stops validating with the policy pack", () => {
    const broken = workflow("deploy.yml");
    broken.jobs["deploy-production"].steps = stepsOf(broken.jobs["deploy-production"]).filter(
      (s) => !s.run?.includes("scw-infra.js deploy"),
    );
    const production = deriveTriggers(broken).find((t) => t.job === "deploy-production");
    expect(contractProblems("workflow-trigger", production?.trigger)).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: "INT-1", path: "/validation_required" })]),
    );
  });

  it("fails INT-1 for an event the contract does not know", () => {
    const broken = workflow("deploy.yml");
    broken.on = { workflow_dispatch: null };
    expect(
      contractProblems("workflow-trigger", deriveTriggers(broken)[0].trigger).map((p) => p.path),
    ).toContain("/event");
  });
});

describe("pull requests", () => {
  const preview = workflow("preview.yml");

  it("previews each stack with pulumi/actions and the policy pack", () => {
    const step = stepsOf(preview.jobs.preview).find((s) => s.uses?.startsWith("pulumi/actions@"));
    expect(step?.with).toMatchObject({
      command: "preview",
      policyPacks: "policies",
      "stack-name": "${{ matrix.stack }}",
    });
    expect(preview.jobs.preview.strategy?.matrix?.stack).toEqual(["staging", "production"]);
  });

  it("runs scw-infra plan --format sarif for each stack and uploads it to code scanning", () => {
    const job = preview.jobs["compliance-plan"];
    expect(
      stepsOf(job).some((s) =>
        /scw-infra\.js plan --stack "\$\{\{ matrix\.stack \}\}" --format sarif/.test(s.run ?? ""),
      ),
    ).toBe(true);
    const upload = stepsOf(job).find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
    expect(upload?.with?.sarif_file).toBe("plan-${{ matrix.stack }}.sarif");
    expect((job as { permissions?: Record<string, string> }).permissions?.["security-events"]).toBe("write");
  });
});

describe("the HTML report on pull requests (issue 15)", () => {
  const preview = workflow("preview.yml");
  const job = preview.jobs["compliance-plan"];

  it("writes the HTML report of each stack and uploads it as an artifact", () => {
    expect(
      stepsOf(job).some((s) =>
        /scw-infra\.js plan --stack "\$\{\{ matrix\.stack \}\}" --format html --output "plan-\$\{\{ matrix\.stack \}\}\.html"/.test(
          s.run ?? "",
        ),
      ),
    ).toBe(true);
    const upload = stepsOf(job).find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(upload?.with?.path).toBe("plan-${{ matrix.stack }}.html");
  });

  it("links the uploaded HTML report from the Markdown comment", () => {
    const markdown = stepsOf(job).find((s) => s.run?.includes("--format markdown"));
    expect(markdown?.run).toContain("$HTML_REPORT_URL");
    expect((markdown as { env?: Record<string, string> }).env?.HTML_REPORT_URL).toBe(
      "${{ steps.html-report.outputs.artifact-url }}",
    );
    const comment = stepsOf(job).find((s) => s.uses?.startsWith("marocchino/sticky-pull-request-comment@"));
    expect(comment?.with?.path).toBe("plan-${{ matrix.stack }}.md");
  });

  it("keeps the browser test's screenshot as an artifact of the test job", () => {
    const upload = stepsOf(preview.jobs.test).find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(upload?.with?.path).toBe("reports/");
  });
});

describe("pushes to main", () => {
  const deploy = workflow("deploy.yml");

  it("deploys production only after staging, through scw-infra deploy", () => {
    expect(deploy.jobs["deploy-production"].needs).toBe("deploy-staging");
    expect(deploy.jobs["deploy-staging"].needs).toBe("test");
    for (const job of ["deploy-staging", "deploy-production"]) {
      expect(
        stepsOf(deploy.jobs[job]).some((s) =>
          s.run?.includes('node cli/scw-infra.js deploy --request "$request"'),
        ),
      ).toBe(true);
    }
  });

  it("never cancels a running deployment for a newer push", () => {
    expect((deploy as unknown as { concurrency: unknown }).concurrency).toEqual({
      group: "deploy-main",
      "cancel-in-progress": false,
    });
  });
});

describe("the nightly audit", () => {
  const nightly = workflow("audit.yml");

  it("runs on a schedule (and by hand), never on pushes or pull requests", () => {
    expect(Object.keys(nightly.on as Record<string, unknown>).sort()).toEqual([
      "schedule",
      "workflow_dispatch",
    ]);
  });

  it("audits both environments and uploads SARIF even when the audit finds violations", () => {
    const job = nightly.jobs.audit;
    const include = (job.strategy?.matrix as { include: { environment: string }[] }).include;
    expect(include.map((i) => i.environment)).toEqual(["staging", "production"]);
    expect(job.environment).toBeUndefined(); // no wait for the production environment's reviewers
    const steps = stepsOf(job);
    expect(
      steps.some((s) => s.run?.includes("node cli/scw-infra.js audit") && s.run.includes("--format sarif")),
    ).toBe(true);
    expect(steps.some((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"))).toBe(true);
  });
});

describe("lint", () => {
  it("passes actionlint when it is built, else the built-in workflow schema check", () => {
    const binary = findActionlint();
    if (binary) {
      console.log(`workflows linted with actionlint ${ACTIONLINT_VERSION} (${binary})`);
      const result = runActionlint(
        binary,
        files.map((f) => path.join(".github", "workflows", f)),
        ROOT,
      );
      expect(result.findings).toEqual([]);
      expect(result.exitCode).toBe(0);
    } else {
      console.log(
        "actionlint not built (run scripts/actionlint.sh); workflows checked with the built-in workflow schema only",
      );
      for (const file of files)
        expect({ file, problems: workflowShapeProblems(workflow(file), text(file)) }).toEqual({
          file,
          problems: [],
        });
    }
  });

  it("catches a broken workflow with whichever linter runs", () => {
    const broken =
      "on:\n  push:\n    branches: [main]\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    needs: missing\n    steps:\n      - run: echo ${{ github.sha\n";
    const binary = findActionlint();
    if (binary) {
      const dir = mkdtempSync(path.join(tmpdir(), "actionlint-"));
      writeFileSync(path.join(dir, "broken.yml"), broken);
      expect(runActionlint(binary, [path.join(dir, "broken.yml")], dir).findings.length).toBeGreaterThan(0);
    }
    expect(workflowShapeProblems(parseYaml(broken), broken).length).toBeGreaterThan(0);
  });

  it.each(files)("%s passes the built-in workflow schema check too", (file) => {
    expect(workflowShapeProblems(workflow(file), text(file))).toEqual([]);
  });
});
