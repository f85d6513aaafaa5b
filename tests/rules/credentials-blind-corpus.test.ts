// Measures the credential detector (CTR-6, SECU-1, SEC-3) on the blind corpus of issue 11: written by
// another hand without seeing the detector, and committed unchanged before any tuning. It prints
// precision and recall on their own line and asserts both reach 0.95. The detector is never tuned on
// these cases; the first measurement is reported in docs/secret-detection.md.
//
// First (blind) run, 2026-12-03, on the writer's 12:47 draft of this file: 147 positives, 156
// negatives; 145 detected, 9 false alarms: precision 0.942, recall 0.986. The misses revealed whole
// classes (template and secret-manager references, ciphertext, placeholder words, documentation
// example keys, scheme-less DSNs and .pgpass lines); the detector learned those classes from cases of
// its own (tests/rules/credentials.test.ts), after which this set is no longer blind. The writer's
// final file (149 positives) replaced the draft afterwards; the detector as it stood at the first run
// scores 0.942 / 0.987 on it (147 detected, 9 false alarms). Figures since are re-measurements.

import { detectCredential } from "@scaleway-infra/contracts/detectors/credentials";
import { describeEntry, measureDetector } from "./support/detector-measurement";
import { BLIND_NEGATIVES, BLIND_POSITIVES } from "./fixtures/secret-corpus-blind";

const MIN_PRECISION = 0.95;
const MIN_RECALL = 0.95;

describe("the credential detector on the blind corpus", () => {
  it("holds at least 120 positives and 120 negatives, each labelled on the right side", () => {
    expect(BLIND_POSITIVES.length).toBeGreaterThanOrEqual(120);
    expect(BLIND_NEGATIVES.length).toBeGreaterThanOrEqual(120);
    expect(BLIND_POSITIVES.every((entry) => entry.secret)).toBe(true);
    expect(BLIND_NEGATIVES.every((entry) => !entry.secret)).toBe(true);
  });

  it("reaches a precision and a recall of at least 0.95, and prints them", () => {
    const result = measureDetector(BLIND_POSITIVES, BLIND_NEGATIVES);
    console.log(
      `blind secret corpus: ${BLIND_POSITIVES.length} positives, ${BLIND_NEGATIVES.length} negatives, ` +
        `${result.truePositives} detected, ${result.falseAlarms.length} false alarms; ` +
        `precision ${result.precision.toFixed(3)}, recall ${result.recall.toFixed(3)}; ` +
        `missed: ${result.missed.map(describeEntry).join(", ") || "none"}; ` +
        `false alarms: ${result.falseAlarms.map(describeEntry).join(", ") || "none"}`,
    );
    expect(result.precision).toBeGreaterThanOrEqual(MIN_PRECISION);
    expect(result.recall).toBeGreaterThanOrEqual(MIN_RECALL);
  });

  it("never repeats a value in the reason it gives", () => {
    for (const entry of BLIND_POSITIVES) {
      const match = detectCredential(entry.name, entry.value);
      if (match && entry.value.length >= 6) expect(match.reason).not.toContain(entry.value);
    }
  });
});
