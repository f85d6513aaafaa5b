// Precision and recall of the credential detector on a labelled corpus: the one measurement every
// corpus test (development, blind 1, 2 and 3) makes, so that each reports its figures the same way.
import { detectCredential } from "@scaleway-infra/contracts/detectors/credentials";

export interface LabelledValue {
  name: string;
  value: string;
  note: string;
}

export interface DetectorMeasurement {
  precision: number;
  recall: number;
  truePositives: number;
  missed: LabelledValue[];
  falseAlarms: LabelledValue[];
}

/** `NAME (note)`: how a corpus entry is named in a test's printed figures. */
export const describeEntry = (entry: LabelledValue): string => `${entry.name} (${entry.note})`;

export function measureDetector(
  positives: readonly LabelledValue[],
  negatives: readonly LabelledValue[],
): DetectorMeasurement {
  const missed = positives.filter((entry) => !detectCredential(entry.name, entry.value));
  const falseAlarms = negatives.filter((entry) => detectCredential(entry.name, entry.value));
  const truePositives = positives.length - missed.length;
  const flagged = truePositives + falseAlarms.length;
  return {
    precision: flagged === 0 ? 0 : truePositives / flagged,
    recall: truePositives / positives.length,
    truePositives,
    missed,
    falseAlarms,
  };
}
