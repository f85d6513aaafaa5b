// "Did you mean ...?": the known name closest to a misspelt one (a field, a secret reference), so a
// message can offer the likely fix instead of only listing every allowed name.

/** Levenshtein distance: insertions, deletions and substitutions, one each. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate closest to `word`, when it is close enough to be a typo: at most a third of the
 * word's length away (at least 1, at most 3 edits). Ties go to the first candidate.
 */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** "Did you mean interval? " when a candidate is one typo away from `word`, else "": a fix's prefix. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const closest = closestName(word, candidates);
  return closest === undefined ? "" : `Did you mean ${closest}? `;
}
