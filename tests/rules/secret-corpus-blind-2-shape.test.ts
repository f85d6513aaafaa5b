// Shape of the second blind secret corpus (issue 11): sizes, labels, uniqueness, determinism, and
// that the source file holds no token-shaped literal. It does not run the detector.

import { readFileSync } from "fs";
import { join } from "path";
import { BLIND2_NEGATIVES, BLIND2_POSITIVES, type BlindCorpusEntry } from "./fixtures/secret-corpus-blind-2";

const ALL: readonly BlindCorpusEntry[] = [...BLIND2_POSITIVES, ...BLIND2_NEGATIVES];

describe("blind secret corpus 2: shape", () => {
  it("has at least 150 positives and 150 negatives", () => {
    expect(BLIND2_POSITIVES.length).toBeGreaterThanOrEqual(150);
    expect(BLIND2_NEGATIVES.length).toBeGreaterThanOrEqual(150);
  });

  it("labels every entry on its own side", () => {
    expect(BLIND2_POSITIVES.filter((e) => e.secret !== true)).toEqual([]);
    expect(BLIND2_NEGATIVES.filter((e) => e.secret !== false)).toEqual([]);
  });

  it("has non-empty string names, values and notes", () => {
    for (const entry of ALL) {
      expect(typeof entry.name).toBe("string");
      expect(typeof entry.value).toBe("string");
      expect(typeof entry.note).toBe("string");
      expect(entry.name.length).toBeGreaterThan(0);
      expect(entry.value.length).toBeGreaterThan(0);
      expect(entry.note.length).toBeGreaterThan(0);
    }
  });

  it("has no duplicate (name, value) pair across both sides", () => {
    const seen = new Map<string, number>();
    for (const entry of ALL) {
      const key = JSON.stringify([entry.name, entry.value]);
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect([...seen.entries()].filter(([, count]) => count > 1)).toEqual([]);
  });

  it("is deterministic: a fresh load yields the same entries", () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const again = require("./fixtures/secret-corpus-blind-2") as {
        BLIND2_POSITIVES: readonly BlindCorpusEntry[];
        BLIND2_NEGATIVES: readonly BlindCorpusEntry[];
      };
      expect(again.BLIND2_POSITIVES).toEqual(BLIND2_POSITIVES);
      expect(again.BLIND2_NEGATIVES).toEqual(BLIND2_NEGATIVES);
    });
  });

  it("keeps token-shaped literals out of the source file", () => {
    const source = readFileSync(join(__dirname, "fixtures", "secret-corpus-blind-2.ts"), "utf8");
    const shapes = [
      /gh[pousr]_[A-Za-z0-9]{20,}/,
      /github_pat_[A-Za-z0-9_]{20,}/,
      /glpat-[A-Za-z0-9_-]{20}/,
      /AKIA[A-Z0-9]{16}/,
      /xox[abposr]-[0-9A-Za-z-]{10,}/,
      /[sr]k_(live|test)_[A-Za-z0-9]{16,}/,
      /AIza[0-9A-Za-z_-]{30,}/,
      /SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/,
      /npm_[A-Za-z0-9]{36}/,
      /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
      /hooks\.slack\.com\/services\/T/,
      /SCW[A-Z0-9]{17}/,
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
    ];
    expect(shapes.filter((re) => re.test(source)).map(String)).toEqual([]);
  });
});
