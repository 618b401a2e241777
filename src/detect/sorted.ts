// Binary search over sorted lists.

/** First index in `list` whose item satisfies `test`, for a test that is false then true along the list. */
export function firstIndex<T>(list: readonly T[], test: (item: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (test(list[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
