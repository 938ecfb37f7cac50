import { sql, type Kysely } from 'kysely'
import type { DialectName } from '../dialect.js'

// Frozen in time: this file never imports the app's schema or code.
// A GIN index puts new entries in a pending list, merged into the index by a
// vacuum or once the list passes gin_pending_list_limit (4 MB by default).
// Every search reads the whole list, and the planner counts it: after an
// import of 10,000 articles it judged the document index dearer than reading
// the table, whose documents are stored out of line and cost nothing in its
// estimate, so a rare word read and unpacked every document (190 ms) where
// the index answers in 0.1. Capping both search indexes' lists at 256 kB keeps
// that cost small in the estimate and in fact. The inserting session merges
// the list when it passes the cap; 1,000 rows of 600-word stories inserted
// with each cap, alternately, took as long (11–12 ms a row).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return
  for (const index of ['article_search_document', 'article_search_word_pairs']) {
    await sql`alter index ${sql.ref(index)} set (gin_pending_list_limit = 256)`.execute(db)
    await sql`select gin_clean_pending_list(${index}::regclass)`.execute(db)
  }
}
