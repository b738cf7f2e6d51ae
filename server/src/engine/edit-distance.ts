// Levenshtein distance for "did you mean" suggestions: instruction keywords, stage and ARG names,
// Compose keys. It lives outside rules/ because the Compose model uses it too.

/**
 * "Did you mean" lists compare a name with every candidate; past this many candidates (no real
 * file has hundreds of stages or ARGs) there is no suggestion, so the work stays linear.
 */
export const MAX_SUGGESTION_CANDIDATES = 256;

/**
 * Levenshtein distance between a and b. With `limit`, any distance over it is returned as
 * `limit + 1`, in O(length × limit) time: only the diagonal band that can stay within the limit
 * is computed, so a 100 KB word costs no more than its length to compare.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (limit === Infinity) return fullEditDistance(a, b);
  const over = limit + 1;
  if (Math.abs(a.length - b.length) > limit) return over;
  let previous = new Array<number>(b.length + 1).fill(over);
  let current = new Array<number>(b.length + 1).fill(over);
  for (let j = 0; j <= Math.min(b.length, limit); j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const low = Math.max(1, i - limit);
    const high = Math.min(b.length, i + limit);
    current[low - 1] = low === 1 && i <= limit ? i : over;
    let rowMin = current[low - 1]!;
    for (let j = low; j <= high; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost, over);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (high < b.length) current[high + 1] = over;
    if (rowMin > limit) return over;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length]!, over);
}

function fullEditDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
