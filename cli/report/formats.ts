// The report-format table: every format `plan` and `scan` (and later `audit`) can write, registered
// once with its name, what it is for, its file extension and its renderer. The argument parser, the
// help texts and `renderReport` all read this table, so a format is added in one place.
import type { ComplianceReport, SourceLocation } from "../plan/model";
import { renderHtml } from "./html/render-html";
import { renderJson } from "./json";
import { renderJunit } from "./junit";
import type { InputValues } from "./redact";
import { renderMarkdown } from "./markdown";
import { renderSarif } from "./sarif";
import { renderText } from "./text";

/** What every renderer may use besides the report itself. */
export interface RenderContext {
  /** The exit code the report leads to (the JSON report and the HTML verdict state it). */
  exitCode: number;
  /** ANSI colour (text on a terminal only). */
  color: boolean;
  /** Location of findings that have none of their own (SARIF requires one for every result). */
  fallbackLocation: SourceLocation;
  /** The working directory: the HTML report reads stack-file lines and the git commit from it. */
  cwd: string;
  /** Input values: redacted unless explicitly shown (`--show-values`), see cli/report/redact.ts. */
  values?: InputValues;
}

export interface ReportFormatSpec {
  readonly name: string;
  /** One line for `--help`. */
  readonly description: string;
  /** The usual file extension of `--output` for this format. */
  readonly extension: string;
  /**
   * Read by people (a terminal, a PR comment, a CI test tab, a browser): every string of the report
   * reaches the renderer with its invisible characters escaped (visible.ts). Machine formats keep the
   * exact strings.
   */
  readonly forPeople: boolean;
  readonly render: (report: ComplianceReport, context: RenderContext) => string;
}

export const REPORT_FORMAT_TABLE = [
  {
    name: "text",
    description: "a table for people (default; colour on a terminal)",
    extension: ".txt",
    forPeople: true,
    render: (report, context) => renderText(report, { color: context.color, tree: true }),
  },
  {
    name: "json",
    description: "the stable, versioned document for machines (docs: JSON report)",
    extension: ".json",
    forPeople: false,
    render: (report, context) => renderJson(report, context.exitCode, context.values ?? "redacted"),
  },
  {
    name: "sarif",
    description: "SARIF 2.1.0, for GitHub code scanning",
    extension: ".sarif",
    forPeople: false,
    render: (report, context) => renderSarif(report, { fallbackLocation: context.fallbackLocation }),
  },
  {
    name: "markdown",
    description: "a pull-request comment",
    extension: ".md",
    forPeople: true,
    render: (report) => renderMarkdown(report),
  },
  {
    name: "junit",
    description: "JUnit XML, for CI test tabs",
    extension: ".xml",
    forPeople: true,
    render: (report) => renderJunit(report),
  },
  {
    name: "html",
    description: "one self-contained page for reviewers and auditors (no network needed)",
    extension: ".html",
    forPeople: true,
    render: (report, context) => renderHtml(report, { exitCode: context.exitCode, cwd: context.cwd }),
  },
] as const satisfies readonly ReportFormatSpec[];

export type ReportFormat = (typeof REPORT_FORMAT_TABLE)[number]["name"];

export const REPORT_FORMATS: readonly ReportFormat[] = REPORT_FORMAT_TABLE.map((format) => format.name);

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

export function reportFormatSpec(format: ReportFormat): ReportFormatSpec {
  const spec = REPORT_FORMAT_TABLE.find((candidate) => candidate.name === format);
  if (!spec) throw new Error(`Unregistered report format "${format}"`);
  return spec;
}

/** `text|json|sarif|...`, for usage lines. */
export function reportFormatChoices(): string {
  return REPORT_FORMATS.join("|");
}

/** The `--format` lines of `--help`: one line per registered format. */
export function reportFormatHelp(indent: string): string {
  const width = Math.max(...REPORT_FORMATS.map((name) => name.length));
  return REPORT_FORMAT_TABLE.map(
    (format) => `${indent}${format.name.padEnd(width)}  ${format.description}`,
  ).join("\n");
}
