// One entry point for every report format, so `plan` and `scan` render the same way, and every
// format gets the same redaction (lib/report/redact.ts) before it lays anything out.
import type { ComplianceReport, SourceLocation } from "../plan/model";
import { renderJson } from "./json";
import { renderJunit } from "./junit";
import { renderMarkdown } from "./markdown";
import { renderSarif } from "./sarif";
import { renderText } from "./text";
import { withoutCredentialsInText, type InputValues } from "./redact";

export const REPORT_FORMATS = ["text", "json", "sarif", "markdown", "junit"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

export interface RenderOptions {
  format: ReportFormat;
  /** The exit code the report leads to (written into the JSON report). */
  exitCode: number;
  color: boolean;
  /** Location of findings that have none of their own (SARIF requires one for every result). */
  fallbackLocation: SourceLocation;
  /** Input values: redacted unless explicitly shown (`--show-values`). */
  values?: InputValues;
}

export function renderReport(fullReport: ComplianceReport, options: RenderOptions): string {
  const report = withoutCredentialsInText(fullReport);
  switch (options.format) {
    case "text":
      return renderText(report, { color: options.color, tree: true });
    case "json":
      return renderJson(report, options.exitCode, options.values ?? "redacted");
    case "markdown":
      return renderMarkdown(report);
    case "sarif":
      return renderSarif(report, { fallbackLocation: options.fallbackLocation });
    case "junit":
      return renderJunit(report);
  }
}
