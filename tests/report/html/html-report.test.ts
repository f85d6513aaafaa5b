// The HTML report without a browser: escaping of everything it embeds, masking of stack-file values,
// the git commit read from `.git` files, the resource tree, the page's Content-Security-Policy, and
// the size and speed of real and huge reports. The browser test (html-browser.test.ts) checks the
// page as people use it.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildComplianceReport } from "../../../cli/plan/compliance";
import type { Finding, PlannedResource } from "../../../cli/plan/model";
import { escapeHtml, jsonForScript } from "../../../cli/report/html/escape";
import { VALUE_MASK } from "../../../cli/report/html/input-values";
import { excerptAround, maskYamlValues } from "../../../cli/report/html/masked-source";
import { PAGE_CSS, PAGE_SCRIPT } from "../../../cli/report/html/page-assets";
import { gitCommitOf } from "../../../cli/report/html/provenance";
import { renderHtml } from "../../../cli/report/html/render-html";
import { buildResourceTree, MAX_TREE_DEPTH } from "../../../cli/report/html/resource-tree";
import { renderPlanTree } from "../../../cli/report/plan-tree";
import { PROJECT_ROOT } from "../../../cli/plan/plan-stack";
import { runCli } from "../../plan/cli-harness";
import { findings, policies, resources, sampleReport } from "../sample-report";

const HOSTILE = `</script><script>window.__pwned=1</script><!-- \u2028\u2029 "quoted" 'single' & <b>`;
const SHA = "0123456789abcdef0123456789abcdef01234567";

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

describe("escaping", () => {
  it("escapes markup and both quote kinds for text and attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });

  it("writes JSON that cannot close its script element, open a comment or break a line", () => {
    const json = jsonForScript({ value: HOSTILE });
    expect(json).not.toMatch(/<|>|&|\u2028|\u2029/);
    expect(JSON.parse(json)).toEqual({ value: HOSTILE });
  });
});

describe("stack-file lines with values masked", () => {
  const text = [
    "# a comment with a password: hunter2",
    "config:",
    "  scaleway:region: fr-par # trailing note",
    "  scaleway-infra:secrets:",
    "    - name: production-documentation-api_key",
    "      value:",
    "        secure: v1:c2VjcmV0LXZhbHVl",
    "      notes: |",
    "        line one: looks like a key",
    "        line two",
    "      list: [1, {inner: secret-in-flow}]",
    "      quoted: 'a # not a comment'",
  ].join("\n");
  const masked = maskYamlValues(text);

  it("keeps keys, indentation, dashes and the line count", () => {
    expect(masked.split("\n")).toHaveLength(text.split("\n").length);
    expect(masked).toContain("  scaleway:region: •••");
    expect(masked).toContain("    - name: •••");
    expect(masked).toContain("        secure: •••");
    expect(masked).toContain("      value:");
  });

  it("masks every value, block scalar, flow collection and comment", () => {
    for (const secret of [
      "hunter2",
      "fr-par",
      "c2VjcmV0",
      "line one",
      "line two",
      "secret-in-flow",
      "not a comment",
      "trailing note",
    ])
      expect({ secret, shown: masked.includes(secret) }).toEqual({ secret, shown: false });
    expect(masked.split("\n")[0]).toBe(`# ${VALUE_MASK}`);
  });

  it("masks everything but indentation when the file does not parse", () => {
    const broken = maskYamlValues("key: [unclosed\n  other: hunter2");
    expect(broken).not.toContain("hunter2");
    expect(broken).not.toContain("key");
    expect(broken.split("\n")).toHaveLength(2);
  });

  it("cuts the lines around a finding, clipped to the file", () => {
    const lines = ["a", "b", "c", "d", "e"];
    expect(excerptAround(lines, 1, 2).map((l) => [l.number, l.current])).toEqual([
      [1, true],
      [2, false],
      [3, false],
    ]);
    expect(excerptAround(lines, 5, 1).map((l) => l.number)).toEqual([4, 5]);
  });
});

describe("the git commit, read from .git files", () => {
  it("follows HEAD to a loose ref", () => {
    const root = tempDir("git-loose-");
    fs.mkdirSync(path.join(root, ".git", "refs", "heads"), { recursive: true });
    fs.writeFileSync(path.join(root, ".git", "HEAD"), "ref: refs/heads/main\n");
    fs.writeFileSync(path.join(root, ".git", "refs", "heads", "main"), `${SHA}\n`);
    fs.mkdirSync(path.join(root, "sub"));
    expect(gitCommitOf(path.join(root, "sub"))).toBe(SHA);
  });

  it("follows a worktree's .git file to the common directory's packed refs", () => {
    const root = tempDir("git-worktree-");
    const common = path.join(root, "main.git");
    const worktreeGit = path.join(common, "worktrees", "wt");
    fs.mkdirSync(worktreeGit, { recursive: true });
    fs.writeFileSync(path.join(worktreeGit, "HEAD"), "ref: refs/heads/feature\n");
    fs.writeFileSync(path.join(worktreeGit, "commondir"), "../..\n");
    fs.writeFileSync(
      path.join(common, "packed-refs"),
      `# pack-refs with: peeled\n${SHA} refs/heads/feature\n`,
    );
    const checkout = path.join(root, "checkout");
    fs.mkdirSync(checkout);
    fs.writeFileSync(path.join(checkout, ".git"), `gitdir: ${worktreeGit}\n`);
    expect(gitCommitOf(checkout)).toBe(SHA);
  });

  it("reads a detached HEAD, and is unknown (never an error) without a repository or with garbage", () => {
    const detached = tempDir("git-detached-");
    fs.mkdirSync(path.join(detached, ".git"));
    fs.writeFileSync(path.join(detached, ".git", "HEAD"), `${SHA}\n`);
    expect(gitCommitOf(detached)).toBe(SHA);
    const garbage = tempDir("git-garbage-");
    fs.mkdirSync(path.join(garbage, ".git"));
    fs.writeFileSync(path.join(garbage, ".git", "HEAD"), "ref: refs/heads/../../../../etc/passwd\n");
    expect(gitCommitOf(garbage)).toBeUndefined();
    expect(gitCommitOf(path.join(tempDir("no-git-"), "missing"))).toBeUndefined();
  });
});

describe("the resource tree", () => {
  it("colours a node by the worst finding of its subtree", () => {
    const [stack] = buildResourceTree(resources, findings);
    expect(stack.resource.type).toBe("pulumi:pulumi:Stack");
    expect(stack.worst).toBe("fail");
    const runners = stack.children.find((n) => n.resource.name === "runners");
    expect(runners?.findings.map((f) => f.status).sort()).toEqual(["indeterminate", "waived"]);
    expect(runners?.worst).toBe("indeterminate");
  });

  it("survives a parent cycle in a hand-edited state file", () => {
    const a: PlannedResource = { ...resources[1], urn: "urn:a", parent: "urn:b" };
    const b: PlannedResource = { ...resources[1], urn: "urn:b", parent: "urn:a" };
    const roots = buildResourceTree([a, b], []);
    const count = (nodes: typeof roots): number => nodes.reduce((n, node) => n + 1 + count(node.children), 0);
    expect(count(roots)).toBe(2);
  });
});

describe("a hostile parent chain", () => {
  const chain = (length: number): PlannedResource[] =>
    Array.from({ length }, (_, i) => ({
      ...resources[1],
      urn: `urn:chain:${i}`,
      name: `r${i}`,
      // The first closes a cycle with the last: no root at all.
      parent: `urn:chain:${i === 0 ? length - 1 : i - 1}`,
    }));

  it("keeps every resource, at most MAX_TREE_DEPTH deep, in linear time", () => {
    const started = Date.now();
    const roots = buildResourceTree(chain(10000), []);
    expect(Date.now() - started).toBeLessThan(5000);
    let count = 0;
    let depth = 0;
    const stack: Array<[(typeof roots)[number], number]> = roots.map((node) => [node, 1]);
    for (let next = stack.pop(); next; next = stack.pop()) {
      count += 1;
      depth = Math.max(depth, next[1]);
      for (const child of next[0].children) stack.push([child, next[1] + 1]);
    }
    expect(count).toBe(10000);
    expect(depth).toBeLessThanOrEqual(MAX_TREE_DEPTH);
  });

  it("renders as a page and as a text tree without overflowing the stack", () => {
    const resourcesInChain = chain(10000);
    const report = buildComplianceReport({
      stack: "production",
      environment: "production",
      source: "scan:state",
      resources: resourcesInChain,
      findings: [],
      policies,
      configValidated: false,
    });
    expect(
      renderHtml(report, { exitCode: 0, cwd: PROJECT_ROOT, gitCommit: null }).match(/class="node /g),
    ).toHaveLength(10000);
    const rooted = resourcesInChain.map((r, i) => (i === 0 ? { ...r, parent: undefined } : r));
    expect(renderPlanTree(rooted)).toContain("… deeper resources not shown");
  });
});

describe("renderHtml", () => {
  const cwd = PROJECT_ROOT;

  it("allows exactly its own style and script by hash, and nothing from the network", () => {
    const html = renderHtml(sampleReport(), { exitCode: 1, cwd, gitCommit: SHA });
    const csp =
      /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replace(/&#39;/g, "'") ?? "";
    const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src ${hash(PAGE_SCRIPT)}`);
    expect(csp).toContain(`style-src ${hash(PAGE_CSS)}`);
    expect(html).toContain(`<script>${PAGE_SCRIPT}</script>`);
    expect(html).toContain(`<style>${PAGE_CSS}</style>`);
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(html).toContain(SHA);
  });

  it("escapes hostile resource names, messages, waiver reasons and stack names everywhere", () => {
    const hostileFindings: Finding[] = findings.map((f) => ({
      ...f,
      message: `${f.message} ${HOSTILE}`,
      remediation: HOSTILE,
      resourceName: f.resourceName ? HOSTILE : undefined,
      ...(f.waiver ? { waiver: { ...f.waiver, reason: HOSTILE, owner: HOSTILE } } : {}),
    }));
    const report = buildComplianceReport({
      stack: HOSTILE,
      environment: HOSTILE,
      source: "plan",
      resources: resources.map((r) => ({ ...r, name: HOSTILE })),
      findings: hostileFindings,
      policies,
      configValidated: true,
      generatedAt: "2026-01-01T00:00:00.000Z",
    });
    const html = renderHtml(report, { exitCode: 1, cwd, gitCommit: null });
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain("<b>");
    expect(html).not.toContain("<!-- ");
    const data = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)?.[1];
    expect(data).not.toMatch(/[\u2028\u2029]/);
    expect(JSON.parse(data ?? "null")).toMatchObject({ stack: HOSTILE, verdict: "FAIL" });
    expect(html).toContain("Git commit</dt><dd><code>unknown</code>");
  });

  it("never shows an input value: the sample's password and connection string stay out", () => {
    const html = renderHtml(sampleReport(), { exitCode: 1, cwd, gitCommit: null });
    expect(html).not.toContain("hunter2");
    expect(html).not.toContain("s3cret-Passw0rd");
    expect(html).toContain(`<code>password: ${VALUE_MASK}</code>`);
  });

  it("lists waived findings with owner, reason and days to expiry, and attested rules, apart", () => {
    const html = renderHtml(sampleReport(), { exitCode: 1, cwd, gitCommit: null });
    expect(html).toMatch(/<h2 id="waived-title">Waived findings \(1\)<\/h2>/);
    expect(html).toContain("platform@example.eu");
    expect(html).toContain("Rotated weekly until ticket OPS-12 lands &lt;soon&gt; &amp; &quot;done&quot;");
    expect(html).toMatch(/<td>in \d+ days<\/td>/);
    expect(html).toMatch(/<h2 id="attested-title">Attested rules \([1-9]\d*\)<\/h2>/);
  });

  it("renders a huge report (5,000 resources and findings) quickly, with stack-file lines for the first 200 only", () => {
    const many: PlannedResource[] = Array.from({ length: 5000 }, (_, i) => ({
      ...resources[1],
      urn: `urn:pulumi:production::p::t::r${i}`,
      name: `r${i}`,
      parent: resources[0].urn,
    }));
    const manyFindings: Finding[] = many.map((r) => ({
      ...findings[0],
      urn: r.urn,
      resourceName: r.name,
      source: { file: "Pulumi.production.yaml", line: 40 },
    }));
    const report = buildComplianceReport({
      stack: "production",
      environment: "production",
      source: "scan:state",
      resources: [resources[0], ...many],
      findings: manyFindings,
      policies,
      configValidated: false,
    });
    const started = Date.now();
    const html = renderHtml(report, { exitCode: 1, cwd, gitCommit: null });
    expect(Date.now() - started).toBeLessThan(10000);
    expect(html.match(/<pre class="excerpt"/g)).toHaveLength(200);
    expect(html).toContain("Stack-file lines are shown for the first 200 findings only.");
  });
});

describe("scw-infra plan --format html", () => {
  it("writes the production report as one file under 500 KB that names the failing count and no secret", async () => {
    const out = path.join(tempDir("plan-html-"), "report.html");
    const run = await runCli(["plan", "--stack", "production", "--format", "html", "--output", out], {
      cwd: PROJECT_ROOT,
    });
    expect(run.code).toBe(0);
    const html = fs.readFileSync(out, "utf8");
    expect(Buffer.byteLength(html)).toBeLessThan(500 * 1024);
    expect(html).toContain('id="verdict">PASS</span>');
    expect(html).toMatch(/<strong data-count="attested">[1-9]\d*<\/strong>/);
    expect(html).toMatch(
      /<th scope="row">ENV-5<\/th>.*<code>Pulumi\.production\.yaml:\d+:\d+<\/code><pre class="excerpt"/,
    );
    const secure = /secure: (v1:\S+)/.exec(
      fs.readFileSync(path.join(PROJECT_ROOT, "Pulumi.production.yaml"), "utf8"),
    )?.[1];
    expect(secure).toBeTruthy();
    expect(html).not.toContain(secure ?? "?");
  });

  it("is listed in --help from the report-format table", async () => {
    const run = await runCli(["plan", "--help"], { cwd: PROJECT_ROOT });
    expect(run.stdout).toMatch(/--format text\|json\|sarif\|markdown\|junit\|html/);
    expect(run.stdout).toMatch(/^ +html +one self-contained page/m);
  });
});

describe("policies disabled by the policy pack config", () => {
  it("get their own section, escaped, and none when nothing is disabled", () => {
    const report = sampleReport();
    expect(renderHtml(report, { exitCode: 0, cwd: PROJECT_ROOT, gitCommit: null })).not.toContain(
      'id="disabled"',
    );
    report.disabledPolicies = [
      {
        name: "container-scaling-redundant",
        ruleIds: ["CTR-4"],
        source: `pack.json: "${HOSTILE}"`,
        from: "mandatory",
        to: "disabled",
        mandatory: true,
        blocking: true,
      },
    ];
    const html = renderHtml(report, { exitCode: 1, cwd: PROJECT_ROOT, gitCommit: null });
    expect(html).toContain('<section id="disabled"');
    expect(html).toContain("container-scaling-redundant");
    expect(html).toContain("FAILS the run (--strict or CI)");
    expect(html).toContain("<td>mandatory -&gt; disabled</td>");
    expect(html).not.toContain(HOSTILE);
  });
});
