// SEC-6 on Scaleway: Secret Manager never rotates a value (fact secret-manager.no-rotation), it only
// expires versions, so rotation is a person creating a new version. The stack file declares when the
// current value was set (`rotation.last_rotated`); this says which secrets are past their period on a
// given day, for `scw-infra plan` to warn about. The value itself is never read.
import type { SecretSpec } from "../documents/types";

export interface RotationWarning {
  secret: string;
  /** The day the period ended (`YYYY-MM-DD`), or undefined when last_rotated is not declared. */
  dueOn?: string;
  message: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Secrets whose rotation is enabled and whose current value is older than its period on `today`. */
export function rotationWarnings(secrets: readonly SecretSpec[], today: Date): RotationWarning[] {
  const warnings: RotationWarning[] = [];
  for (const secret of secrets) {
    const { enabled, period_days: period, last_rotated: last } = secret.rotation;
    if (!enabled || period === undefined) continue;
    if (last === undefined) {
      warnings.push({
        secret: secret.name,
        message: `secret ${secret.name}: rotation every ${period} days is enabled but rotation.last_rotated is not declared, so nothing tells when its value is due; Scaleway does not rotate secrets (fact secret-manager.no-rotation)`,
      });
      continue;
    }
    const set = Date.parse(`${last}T00:00:00Z`);
    // Date.parse rolls 2026-02-30 over to March: a day that does not exist is a mistake to report.
    if (Number.isNaN(set) || isoDay(new Date(set)) !== last) {
      warnings.push({
        secret: secret.name,
        message: `secret ${secret.name}: rotation.last_rotated ${JSON.stringify(last)} is not a day of the calendar, so nothing tells when its value is due`,
      });
      continue;
    }
    // A day after today (one day of slack for time zones) is a typo or a date that hides a due rotation.
    if (set > today.getTime() + DAY_MS) {
      warnings.push({
        secret: secret.name,
        message: `secret ${secret.name}: rotation.last_rotated ${last} is in the future, so nothing tells when its value is really due; set it to the day the current value was set`,
      });
      continue;
    }
    const due = new Date(set + period * DAY_MS);
    if (today.getTime() > due.getTime()) {
      warnings.push({
        secret: secret.name,
        dueOn: isoDay(due),
        message: `secret ${secret.name}: its value dates from ${last} and was due for rotation on ${isoDay(due)} (every ${period} days); Scaleway does not rotate secrets (fact secret-manager.no-rotation): set a new value with pulumi config set --secret and update rotation.last_rotated`,
      });
    }
  }
  return warnings;
}
