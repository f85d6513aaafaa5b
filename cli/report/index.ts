// One entry point for every report format, so `plan` and `scan` render the same way: the format is
// looked up in the report-format table (formats.ts), the only place formats are listed, and every
// format gets the same redaction (cli/report/secret-values.ts, then cli/report/redact.ts and
// cli/report/identifiers.ts) before it lays anything out, and every format
// read by people its strings with invisible characters escaped (cli/report/visible.ts).
import type { ComplianceReport } from "../plan/model";
import { reportFormatSpec, type RenderContext, type ReportFormat } from "./formats";
import { withoutCredentialsInIdentifiers } from "./identifiers";
import { withoutCredentialsInText } from "./redact";
import { rememberSecretValues, secretValuesOf, withoutSecretValuesInText } from "./secret-values";
import { withInvisibleEscaped } from "./visible";

export {
  isReportFormat,
  REPORT_FORMAT_TABLE,
  REPORT_FORMATS,
  reportFormatChoices,
  reportFormatHelp,
  type RenderContext,
  type ReportFormat,
} from "./formats";

export interface RenderOptions extends RenderContext {
  format: ReportFormat;
}

export function renderReport(report: ComplianceReport, options: RenderOptions): string {
  const spec = reportFormatSpec(options.format);
  // The run's secret values first (secret-values.ts), then whatever the detector recognises.
  // Identifiers (names, URNs, IDs) last: a resource named by a token prints `[redacted <kind>]`.
  const textScrubbed = withoutCredentialsInText(withoutSecretValuesInText(report, secretValuesOf(report)));
  const { report: scrubbed, secrets } = withoutCredentialsInIdentifiers(textScrubbed, secretValuesOf(report));
  const shown = rememberSecretValues(spec.forPeople ? withInvisibleEscaped(scrubbed) : scrubbed, secrets);
  return spec.render(shown, options);
}
