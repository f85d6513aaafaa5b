// Shape of blind corpus 3 (issue 11): counts, labels on the right side, no duplicate (name, value)
// pairs, non-empty strings, and the same corpus on every load. This test never runs the detector.

import { BLIND3_NEGATIVES, BLIND3_POSITIVES, type BlindCorpusEntry } from "./fixtures/secret-corpus-blind-3";

const all: readonly BlindCorpusEntry[] = [...BLIND3_POSITIVES, ...BLIND3_NEGATIVES];

describe("blind secret corpus 3", () => {
  it("has at least 180 positives and 180 negatives", () => {
    expect(BLIND3_POSITIVES.length).toBeGreaterThanOrEqual(180);
    expect(BLIND3_NEGATIVES.length).toBeGreaterThanOrEqual(180);
  });

  it("keeps every label on its side", () => {
    expect(BLIND3_POSITIVES.every((entry) => entry.secret === true)).toBe(true);
    expect(BLIND3_NEGATIVES.every((entry) => entry.secret === false)).toBe(true);
  });

  it("has non-empty name, value and note strings", () => {
    for (const entry of all) {
      expect(typeof entry.name).toBe("string");
      expect(typeof entry.value).toBe("string");
      expect(typeof entry.note).toBe("string");
      expect(entry.name.trim()).not.toBe("");
      expect(entry.value.trim()).not.toBe("");
      expect(entry.note.trim()).not.toBe("");
    }
  });

  it("has no duplicate (name, value) pair", () => {
    const seen = new Set<string>();
    const duplicates: string[] = [];
    for (const entry of all) {
      const key = JSON.stringify([entry.name, entry.value]);
      if (seen.has(key)) duplicates.push(key);
      seen.add(key);
    }
    expect(duplicates).toEqual([]);
  });

  it("marks some labels as borderline in their notes", () => {
    const borderline = all.filter((entry) => /borderline/i.test(entry.note));
    expect(borderline.length).toBeGreaterThan(0);
  });

  it("is the same corpus on every load (seeded generation)", () => {
    let reloaded: typeof import("./fixtures/secret-corpus-blind-3") | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      reloaded = require("./fixtures/secret-corpus-blind-3");
    });
    expect(reloaded).toBeDefined();
    expect(reloaded?.BLIND3_POSITIVES).toEqual(BLIND3_POSITIVES);
    expect(reloaded?.BLIND3_NEGATIVES).toEqual(BLIND3_NEGATIVES);
  });
});
