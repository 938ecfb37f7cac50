/**
 * Values in one statement at most, well under either database's limit on
 * parameters (SQLite 32,766, PostgreSQL 65,535): an import's neighbours, or
 * its stories, can be thousands.
 */
export const IDS_PER_STATEMENT = 1_000

/** `run` over `items` a slice of `size` at a time (none for none), the answers together. */
export async function bySlices<T, R>(
  items: readonly T[],
  run: (slice: readonly T[]) => Promise<R[] | void>,
  size = IDS_PER_STATEMENT,
): Promise<R[]> {
  const answers: R[] = []
  for (let start = 0; start < items.length; start += size) {
    answers.push(...((await run(items.slice(start, start + size))) ?? []))
  }
  return answers
}
