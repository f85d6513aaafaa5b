// Measures the credential detector (CTR-6, SECU-1) on the labelled corpus: precision and recall are
// printed on one line and must both stay at or above 0.95.

import { detectCredential } from "../../lib/rules/credentials";
import { TRUE_NEGATIVES, TRUE_POSITIVES } from "./fixtures/credential-corpus";

const MIN_PRECISION = 0.95;
const MIN_RECALL = 0.95;

function measure(): {
  precision: number;
  recall: number;
  falseNegatives: string[];
  falsePositives: string[];
} {
  const falseNegatives = TRUE_POSITIVES.filter((entry) => !detectCredential(entry.name, entry.value)).map(
    (entry) => `${entry.name} (${entry.note})`,
  );
  const falsePositives = TRUE_NEGATIVES.filter((entry) => detectCredential(entry.name, entry.value)).map(
    (entry) => `${entry.name} (${entry.note})`,
  );
  const truePositives = TRUE_POSITIVES.length - falseNegatives.length;
  const precision = truePositives / (truePositives + falsePositives.length);
  const recall = truePositives / TRUE_POSITIVES.length;
  return { precision, recall, falseNegatives, falsePositives };
}

describe("the credential detector on the labelled corpus", () => {
  it("has at least 60 true positives and 60 true negatives to measure against", () => {
    expect(TRUE_POSITIVES.length).toBeGreaterThanOrEqual(60);
    expect(TRUE_NEGATIVES.length).toBeGreaterThanOrEqual(60);
  });

  it("reaches a precision and a recall of at least 0.95, and prints them", () => {
    const { precision, recall, falseNegatives, falsePositives } = measure();
    console.log(
      `credential corpus: ${TRUE_POSITIVES.length} positives, ${TRUE_NEGATIVES.length} negatives, ` +
        `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}; ` +
        `missed: ${falseNegatives.join(", ") || "none"}; false alarms: ${falsePositives.join(", ") || "none"}`,
    );
    expect(precision).toBeGreaterThanOrEqual(MIN_PRECISION);
    expect(recall).toBeGreaterThanOrEqual(MIN_RECALL);
  });

  it("never repeats the value in the reason it gives", () => {
    for (const entry of TRUE_POSITIVES) {
      const match = detectCredential(entry.name, entry.value);
      if (match && entry.value.length >= 6) expect(match.reason).not.toContain(entry.value);
    }
  });
});
