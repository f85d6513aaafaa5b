// The HTML report (issue 15): one self-contained page for the people who review compliance, the
// platform lead before a production deployment and the auditor asking for evidence. Inline CSS and
// JS, a Content-Security-Policy that allows those two blocks only, no request of any kind; every
// string from the report is escaped and no input value is shown (input-values.ts). Takes only a
// ComplianceReport and where to read the stack file and git commit, so plan, scan and audit share it.
import { createHash } from "node:crypto";
import * as path from "node:path";
import {
  RULE_STATUSES_WORST_FIRST,
  type ComplianceReport,
  type Finding,
  type RuleResult,
  type Severity,
  type SourceLocation,
} from "../../plan/model";
import { isRuleId, ruleById } from "@scaleway-infra/contracts/rules/catalog";
import {
  attestedRules,
  expiryText,
  findingSubject,
  formatLocation,
  plural,
  rulesWorstFirst,
  STATUS_LABELS,
  STATUS_WORDS,
  SUMMARY_STATUS_ORDER,
  waivedFindings,
} from "../present";
import { changeEffect, disabledPoliciesTitle, levelChange } from "../disabled-policies";
import { escapeHtml as h, jsonForScript } from "./escape";
import { shownInputValue } from "./input-values";
import { excerptAround, readMaskedLines, type ExcerptLine } from "./masked-source";
import { PAGE_CSS, PAGE_SCRIPT } from "./page-assets";
import { gitCommitOf } from "./provenance";
import { buildResourceTree, type ResourceNode } from "./resource-tree";

export interface HtmlOptions {
  /** The exit code the report leads to: the verdict is FAIL when it is not 0. */
  exitCode: number;
  /** Where relative stack-file paths are read from, and the repository whose commit is named. */
  cwd: string;
  /** The commit to name (tests); by default read from `.git` under `cwd`, unknown when absent. */
  gitCommit?: string | null;
}

/** Findings beyond this many are listed without their stack-file lines, so a huge report stays light. */
const MAX_EXCERPTS = 200;
const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low"];

function sha256(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

function badge(status: string, label: string): string {
  return `<span class="badge b-${h(status)}">${h(label)}</span>`;
}

function statusBadge(status: keyof typeof STATUS_LABELS): string {
  return badge(status, STATUS_LABELS[status]);
}

/** The most serious severity among the policies (or findings) behind a rule; `none` when no policy. */
function severityOf(rule: RuleResult, report: ComplianceReport): Severity | "none" {
  const seen = new Set<Severity>();
  for (const policy of report.policies ?? [])
    if (policy.enforcementLevel !== "disabled" && policy.ruleIds.includes(rule.ruleId))
      seen.add(policy.severity);
  for (const finding of rule.findings) seen.add(finding.severity);
  return SEVERITIES.find((severity) => seen.has(severity)) ?? "none";
}

function groupOf(ruleId: string): string {
  return isRuleId(ruleId) ? ruleById(ruleId).group : "other";
}

function verdictOf(options: HtmlOptions): "PASS" | "FAIL" {
  return options.exitCode === 0 ? "PASS" : "FAIL";
}

function header(report: ComplianceReport, options: HtmlOptions): string {
  const s = report.summary;
  const verdict = verdictOf(options);
  const command = report.source.split(":")[0];
  const countItems = SUMMARY_STATUS_ORDER.map(
    (status) =>
      `<li class="s-${status}" data-status="${status}"><strong data-count="${status}">${s.rules[status] ?? 0}</strong>${h(STATUS_WORDS[status])}</li>`,
  ).join("");
  return `<header>
<h1>scw-infra ${h(command)} of stack <code>${h(report.stack)}</code>: <span class="verdict verdict-${verdict.toLowerCase()}" id="verdict">${verdict}</span></h1>
<p>${h(plural(s.mandatoryViolations, "mandatory violation"))}, ${h(plural(s.advisoryViolations, "advisory violation"))}, ${s.waived} waived, ${s.indeterminate} indeterminate; ${h(plural(s.policies, "policy", "policies"))} on ${h(plural(s.resources, "resource"))}. Environment <code>${h(report.environment)}</code>, exit code <span id="exit-code">${options.exitCode}</span>.</p>
<nav class="no-print" aria-label="Sections"><a href="#rules">Rules</a> · <a href="#resources">Resources</a> · <a href="#findings">Findings</a> · <a href="#waived">Waived</a> · <a href="#attested">Attested</a> · <a href="#provenance">Provenance</a></nav>
</header>
<section id="summary" aria-labelledby="summary-title">
<h2 id="summary-title">Rules by status</h2>
<ul class="counts">${countItems}</ul>
<p class="muted">Attested: declared in the stack file and accepted by config validation, but not verifiable by this command; never counted as pass.</p>
</section>`;
}

function selectOf(name: string, label: string, values: ReadonlyArray<[string, string]>): string {
  const options = values.map(([value, text]) => `<option value="${h(value)}">${h(text)}</option>`).join("");
  return `<label for="filter-${name}">${h(label)}<select id="filter-${name}" data-filter="${name}"><option value="">all</option>${options}</select></label>`;
}

function ruleMatrix(report: ComplianceReport): string {
  const rules = rulesWorstFirst(report.rules);
  const groups = [...new Set(report.rules.map((r) => groupOf(r.ruleId)))];
  const statusCounts = (status: RuleResult["status"]) =>
    report.rules.filter((r) => r.status === status).length;
  const filters = `<div class="filters" role="group" aria-label="Filter the rules">
${selectOf(
  "status",
  "Status",
  RULE_STATUSES_WORST_FIRST.map((status) => [status, `${STATUS_WORDS[status]} (${statusCounts(status)})`]),
)}
${selectOf(
  "group",
  "Rule group",
  groups.map((group) => [group, group]),
)}
${selectOf(
  "severity",
  "Severity",
  [...SEVERITIES, "none"].map((severity) => [severity, severity]),
)}
<p id="rule-matrix-shown" aria-live="polite" class="muted">${report.rules.length} of ${report.rules.length} rules shown</p>
</div>`;
  const rows = rules
    .map((rule) => {
      const severity = severityOf(rule, report);
      const decided = [rule.enforcedBy.join(", "), rule.note ?? ""].filter(Boolean).join(": ");
      return `<tr data-status="${rule.status}" data-group="${h(groupOf(rule.ruleId))}" data-severity="${severity}" data-rule="${h(rule.ruleId)}">
<td>${statusBadge(rule.status)}</td><th scope="row">${h(rule.ruleId)}</th><td>${h(rule.title)}</td><td>${h(groupOf(rule.ruleId))}</td><td>${severity}</td><td>${h(decided)}</td><td>${rule.findings.length}</td></tr>`;
    })
    .join("\n");
  return `<section id="rules" aria-labelledby="rules-title">
<h2 id="rules-title">Rule matrix</h2>
${filters}
<table id="rule-matrix">
<caption>Every contract rule (${report.framework.name ? h(report.framework.name) : ""} ${h(report.framework.version)}), worst status first, with what decided it.</caption>
<thead><tr><th scope="col">Status</th><th scope="col">Rule</th><th scope="col">Title</th><th scope="col">Group</th><th scope="col">Severity</th><th scope="col">Decided by</th><th scope="col">Findings</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
}

function findingBody(finding: Finding): string {
  const where = formatLocation(finding.source);
  const waiver = finding.waiver
    ? `<p>Waiver <code>${h(finding.waiver.id)}</code>, owner ${h(finding.waiver.owner)}, expires ${h(finding.waiver.expires)}${finding.waiver.expired ? " (expired)" : ""}: ${h(finding.waiver.reason)}</p>`
    : "";
  return `<p>${statusBadge(finding.status)} <strong>${h(finding.ruleIds.join(", "))}</strong> <code>${h(finding.policy)}</code> · ${h(finding.enforcementLevel)} · ${h(finding.severity)}</p>
<p>${h(finding.message)}</p>
<p class="fix">${h(finding.remediation)}</p>${waiver}${where ? `<p class="muted">At <code>${h(where)}</code></p>` : ""}`;
}

function treeItems(nodes: readonly ResourceNode[]): string {
  return nodes
    .map((node) => {
      const r = node.resource;
      const own =
        node.findings.length > 0 ? ` ${badge(node.worst, plural(node.findings.length, "finding"))}` : "";
      const status = node.worst === "clean" ? "no finding" : `worst finding below: ${node.worst}`;
      const children = node.children.length > 0 ? `<ul>${treeItems(node.children)}</ul>` : "";
      return `<li><button type="button" class="node w-${node.worst}" aria-controls="resource-${node.index}" aria-pressed="false" data-urn="${h(r.urn)}"><span class="sr-only">${h(status)}: </span>${h(r.name)} <span class="type">${h(r.type)}</span>${own}</button>${children}</li>`;
    })
    .join("");
}

function resourceDetails(nodes: readonly ResourceNode[]): string {
  const out: string[] = [];
  const visit = (node: ResourceNode): void => {
    const r = node.resource;
    const findings =
      node.findings.length > 0
        ? node.findings.map((f) => `<div class="finding s-${f.status}">${findingBody(f)}</div>`).join("")
        : `<p>No finding on this resource.</p>`;
    const inputs = Object.keys(r.props);
    const inputList =
      inputs.length > 0
        ? `<p class="muted">Inputs (values not shown): ${inputs.map((key) => `<code>${h(key)}: ${h(shownInputValue(r, key))}</code>`).join(" ")}</p>`
        : "";
    out.push(`<div class="detail" id="resource-${node.index}" data-urn="${h(r.urn)}" hidden>
<h3>${h(r.name)}</h3>
<p><code>${h(r.type)}</code>${r.source ? ` · declared at <code>${h(formatLocation(r.source))}</code>` : ""}</p>
<p class="muted mono">${h(r.urn)}</p>
${findings}
${inputList}
</div>`);
    node.children.forEach(visit);
  };
  nodes.forEach(visit);
  return out.join("\n");
}

function resourcesSection(report: ComplianceReport): string {
  if (report.resources.length === 0) {
    return `<section id="resources" aria-labelledby="resources-title"><h2 id="resources-title">Resources</h2><p>No resource in this report.</p></section>`;
  }
  const tree = buildResourceTree(report.resources, report.findings);
  return `<section id="resources" aria-labelledby="resources-title">
<h2 id="resources-title">Resources</h2>
<p class="muted">As the program builds them: environment, components, Scaleway resources. Each node is coloured by the worst finding in its subtree; choose one to see its findings and their fix.</p>
<div class="resources">
<ul class="tree">${treeItems(tree)}</ul>
<div><p id="resource-hint" class="muted no-print">No resource chosen.</p>
${resourceDetails(tree)}
</div>
</div>
</section>`;
}

function excerptHtml(lines: readonly ExcerptLine[]): string {
  const width = String(lines[lines.length - 1]?.number ?? 0).length;
  const body = lines
    .map(
      (line) =>
        `<span${line.current ? ' class="current"' : ""}><span class="ln">${String(line.number).padStart(width)}</span>${h(line.text)}</span>`,
    )
    .join("");
  return `<pre class="excerpt" aria-label="Stack-file lines, values masked">${body}</pre>`;
}

/** Masked stack-file lines, each file read once per page. */
type MaskedLinesOf = (file: string) => string[] | undefined;

function maskedLinesReader(cwd: string): MaskedLinesOf {
  const files = new Map<string, string[] | undefined>();
  return (file) => {
    if (!files.has(file)) files.set(file, readMaskedLines(path.resolve(cwd, file)));
    return files.get(file);
  };
}

/** The masked lines around a location, or nothing when the file is not a readable YAML file. */
function excerptAt(location: SourceLocation, linesOf: MaskedLinesOf, radius = 3): string {
  const lines = linesOf(location.file);
  if (!lines || location.line < 1 || location.line > lines.length) return "";
  return excerptHtml(excerptAround(lines, location.line, radius));
}

function findingsSection(report: ComplianceReport, linesOf: MaskedLinesOf): string {
  const shown = report.findings.filter((f) => f.enforcementLevel !== "disabled");
  const rank = (f: Finding) => RULE_STATUSES_WORST_FIRST.indexOf(f.status);
  const sorted = [...shown].sort((a, b) => rank(a) - rank(b));
  const items = sorted.map((finding, index) => {
    const excerpt = finding.source && index < MAX_EXCERPTS ? excerptAt(finding.source, linesOf) : "";
    return `<article class="finding s-${finding.status}" id="finding-${index}">
<h3>${h(finding.ruleIds.join(", "))}: ${h(findingSubject(finding))}</h3>
${findingBody(finding)}
${excerpt}
</article>`;
  });
  const capped =
    sorted.length > MAX_EXCERPTS
      ? `<p class="muted">Stack-file lines are shown for the first ${MAX_EXCERPTS} findings only.</p>`
      : "";
  return `<section id="findings" aria-labelledby="findings-title">
<h2 id="findings-title">Findings (${sorted.length})</h2>
${sorted.length === 0 ? "<p>No finding: every policy passed on every resource.</p>" : ""}${capped}
${items.join("\n")}
</section>`;
}

function waivedSection(report: ComplianceReport): string {
  const views = waivedFindings(report);
  const rows = views
    .map(
      ({ finding, waiver, daysToExpiry }) =>
        `<tr><th scope="row">${h(finding.ruleIds.join(", "))}</th><td>${h(findingSubject(finding))}</td><td><code>${h(finding.policy)}</code></td><td><code>${h(waiver.id)}</code></td><td>${h(waiver.owner)}</td><td>${h(waiver.reason)}</td><td>${h(waiver.expires)}</td><td>${h(expiryText({ waiver, daysToExpiry }))}</td></tr>`,
    )
    .join("\n");
  return `<section id="waived" aria-labelledby="waived-title">
<h2 id="waived-title">Waived findings (${views.length})</h2>
${
  views.length === 0
    ? "<p>No waiver applies to this report.</p>"
    : `<table><caption>Accepted exceptions, soonest expiry first.</caption>
<thead><tr><th scope="col">Rule</th><th scope="col">Resource</th><th scope="col">Policy</th><th scope="col">Waiver</th><th scope="col">Owner</th><th scope="col">Reason</th><th scope="col">Expires</th><th scope="col">Days to expiry</th></tr></thead>
<tbody>${rows}</tbody></table>`
}
</section>`;
}

function attestedSection(report: ComplianceReport, linesOf: MaskedLinesOf): string {
  const rules = attestedRules(report);
  const rows = rules
    .map((rule) => {
      const declared = rule.source
        ? `<code>${h(formatLocation(rule.source))}</code>${excerptAt(rule.source, linesOf, 1)}`
        : "";
      return `<tr><th scope="row">${h(rule.ruleId)}</th><td>${h(rule.title)}</td><td>${h(rule.note ?? "")}</td><td>${declared}</td></tr>`;
    })
    .join("\n");
  return `<section id="attested" aria-labelledby="attested-title">
<h2 id="attested-title">Attested rules (${rules.length})</h2>
${
  rules.length === 0
    ? "<p>No rule is attested in this report.</p>"
    : `<table><caption>Declared in the stack file and accepted by config validation, but not verifiable by this command.</caption>
<thead><tr><th scope="col">Rule</th><th scope="col">Title</th><th scope="col">Declaration</th><th scope="col">Declared at</th></tr></thead>
<tbody>${rows}</tbody></table>`
}
</section>`;
}

/**
 * Policies the policy pack config switched off checked nothing, and those it downgraded blocked
 * nothing: shown, never hidden.
 */
function disabledSection(report: ComplianceReport): string {
  const changed = report.disabledPolicies ?? [];
  if (changed.length === 0) return "";
  const rows = changed
    .map(
      (p) =>
        `<tr><th scope="row">${h(p.name)}</th><td>${h(p.ruleIds.join(", "))}</td><td>${h(levelChange(p))}</td><td><code>${h(p.source)}</code></td><td>${h(changeEffect(p))}</td></tr>`,
    )
    .join("\n");
  return `<section id="disabled" aria-labelledby="disabled-title">
<h2 id="disabled-title">${h(disabledPoliciesTitle(changed.length))}</h2>
<table><caption>Disabled policies checked nothing in this run; downgraded ones blocked nothing.</caption>
<thead><tr><th scope="col">Policy</th><th scope="col">Rules</th><th scope="col">Level</th><th scope="col">Set by</th><th scope="col">Effect</th></tr></thead>
<tbody>${rows}</tbody></table>
</section>`;
}

function provenanceSection(report: ComplianceReport, options: HtmlOptions): string {
  const commit =
    options.gitCommit === undefined ? gitCommitOf(options.cwd) : (options.gitCommit ?? undefined);
  const entries: Array<[string, string]> = [
    ["Tool", `${report.tool.name} ${report.tool.version}`],
    ["Rule framework", `${report.framework.name} ${report.framework.version}`],
    ["Stack", report.stack],
    ["Environment", report.environment],
    ["Source", report.source],
    ["Git commit", commit ?? "unknown"],
    ["Generated", report.generatedAt],
  ];
  return `<section id="provenance" aria-labelledby="provenance-title">
<h2 id="provenance-title">Provenance</h2>
<dl class="provenance">${entries.map(([term, value]) => `<dt>${h(term)}</dt><dd><code>${h(value)}</code></dd>`).join("")}</dl>
</section>`;
}

export function renderHtml(report: ComplianceReport, options: HtmlOptions): string {
  const verdict = verdictOf(options);
  const data = jsonForScript({
    stack: report.stack,
    environment: report.environment,
    source: report.source,
    verdict,
    exitCode: options.exitCode,
    summary: report.summary,
  });
  const csp = [
    "default-src 'none'",
    `style-src ${sha256(PAGE_CSS)}`,
    `script-src ${sha256(PAGE_SCRIPT)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  const linesOf = maskedLinesReader(options.cwd);
  const sections = [
    header(report, options),
    ruleMatrix(report),
    resourcesSection(report),
    findingsSection(report, linesOf),
    waivedSection(report),
    attestedSection(report, linesOf),
    disabledSection(report),
    provenanceSection(report, options),
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${h(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${h(`${report.tool.name} ${report.tool.version}`)}">
<title>${h(`scw-infra ${report.source.split(":")[0]} ${report.stack}: ${verdict}`)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<main>
${sections.join("\n")}
</main>
<script type="application/json" id="report-data">${data}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
