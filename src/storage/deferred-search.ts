// The search rows of a batch of imports, held until the batch commits. Each
// story runs in its own savepoint; a story undone takes its rows with it
// (undo to a mark). What is written at the end is each article's last row,
// or its removal, in the same transaction as everything else: readers see
// the stories and their index rows together, or neither.
import type { Kysely } from 'kysely'
import type { ArticleSearchTable, Database } from './schema.js'
import type { SearchWriter } from './search-index.js'

/** Rows per insert: 8 columns each, well under both databases' parameter limits. */
const ROWS_PER_STATEMENT = 100

export interface DeferredSearchWriter extends SearchWriter {
  /** A point to undo to: the number of changes made so far. */
  mark(): number
  /** Forgets the changes made since `mark` (the story's savepoint was rolled back). */
  undo(mark: number): void
  /** Writes the held rows; the writer is empty afterwards. */
  flush(): Promise<void>
}

export function createDeferredSearchWriter(db: Kysely<Database>): DeferredSearchWriter {
  /** Per article: its row, or null for no row. */
  const pending = new Map<string, ArticleSearchTable | null>()
  /** What each change replaced, to undo it: [article, the previous entry, whether there was one]. */
  const journal: [string, ArticleSearchTable | null | undefined][] = []

  const set = (articleId: string, row: ArticleSearchTable | null) => {
    journal.push([articleId, pending.get(articleId)])
    pending.set(articleId, row)
    return Promise.resolve()
  }

  return {
    put: (row) => set(row.article_id, row),
    remove: (articleId) => set(articleId, null),
    mark: () => journal.length,
    undo(mark) {
      while (journal.length > mark) {
        const [articleId, previous] = journal.pop() ?? ['', undefined]
        if (previous === undefined) pending.delete(articleId)
        else pending.set(articleId, previous)
      }
    },
    async flush() {
      const entries = [...pending]
      pending.clear()
      journal.length = 0
      // Every held article's old row goes first: an update is a delete and an insert,
      // which the FTS5 triggers and the tsvector column handle the same way.
      const ids = entries.map(([articleId]) => articleId)
      for (let start = 0; start < ids.length; start += ROWS_PER_STATEMENT) {
        await db
          .deleteFrom('article_search')
          .where('article_id', 'in', ids.slice(start, start + ROWS_PER_STATEMENT))
          .execute()
      }
      const rows = entries.flatMap(([, row]) => (row ? [row] : []))
      for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
        await db
          .insertInto('article_search')
          .values(rows.slice(start, start + ROWS_PER_STATEMENT))
          .execute()
      }
    },
  }
}
