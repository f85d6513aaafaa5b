// Measures the credential detector (CTR-6, SECU-1) on the labelled corpus: precision and recall are
// printed on one line per set and must both stay at or above 0.95 on the whole corpus (main set
// plus holdout). The holdout set was written blind, after the detector, and is reported on its own.

import { detectCredential } from "@scaleway-infra/contracts/detectors/credentials";
import {
  type CorpusEntry,
  HOLDOUT_NEGATIVES,
  HOLDOUT_POSITIVES,
  TRUE_NEGATIVES,
  TRUE_POSITIVES,
} from "./fixtures/credential-corpus";

const MIN_PRECISION = 0.95;
const MIN_RECALL = 0.95;

interface Measurement {
  precision: number;
  recall: number;
  summary: string;
}

function measure(
  label: string,
  positives: readonly CorpusEntry[],
  negatives: readonly CorpusEntry[],
): Measurement {
  const describe = (entry: CorpusEntry): string => `${entry.name} (${entry.note})`;
  const missed = positives.filter((entry) => !detectCredential(entry.name, entry.value)).map(describe);
  const falseAlarms = negatives.filter((entry) => detectCredential(entry.name, entry.value)).map(describe);
  const truePositives = positives.length - missed.length;
  const precision = truePositives / (truePositives + falseAlarms.length);
  const recall = truePositives / positives.length;
  const summary =
    `${label}: ${positives.length} positives, ${negatives.length} negatives, ` +
    `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}; ` +
    `missed: ${missed.join(", ") || "none"}; false alarms: ${falseAlarms.join(", ") || "none"}`;
  return { precision, recall, summary };
}

const ALL_POSITIVES = [...TRUE_POSITIVES, ...HOLDOUT_POSITIVES];
const ALL_NEGATIVES = [...TRUE_NEGATIVES, ...HOLDOUT_NEGATIVES];

describe("the credential detector on the labelled corpus", () => {
  it("has at least 60 true positives and 60 true negatives to measure against", () => {
    expect(ALL_POSITIVES.length).toBeGreaterThanOrEqual(60);
    expect(ALL_NEGATIVES.length).toBeGreaterThanOrEqual(60);
  });

  it("reaches a precision and a recall of at least 0.95 on the whole corpus, and prints them", () => {
    const whole = measure("credential corpus (all)", ALL_POSITIVES, ALL_NEGATIVES);
    console.log(
      [
        whole.summary,
        measure("credential corpus (main)", TRUE_POSITIVES, TRUE_NEGATIVES).summary,
        measure("credential corpus (holdout)", HOLDOUT_POSITIVES, HOLDOUT_NEGATIVES).summary,
      ].join("\n"),
    );
    expect(whole.precision).toBeGreaterThanOrEqual(MIN_PRECISION);
    expect(whole.recall).toBeGreaterThanOrEqual(MIN_RECALL);
  });

  it("never repeats the value in the reason it gives", () => {
    for (const entry of ALL_POSITIVES) {
      const match = detectCredential(entry.name, entry.value);
      if (match && entry.value.length >= 6) expect(match.reason).not.toContain(entry.value);
    }
  });
});
