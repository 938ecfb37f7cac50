import { sql, type Kysely } from 'kysely'
import type { DialectName } from '../dialect.js'

// Frozen in time: this file never imports the app's schema or code.
// A quoted phrase of common words ("city council") was slow: every story
// holding all its words was checked for them side by side. PostgreSQL's GIN
// index keeps no positions, so each such story's tsvector was read (445 ms at
// 100,000 articles for two words each in a fifth of the stories); SQLite's
// FTS5 read both words' positions across the archive (about 100 ms at a
// million). This indexes each story's pairs of adjacent words, made by each
// database's own parser, so a phrase's pairs, looked up first, leave only
// the few stories that have them all to be checked.
//
// PostgreSQL: an expression index over the document tsvector (nothing stored
// in the table; a story's pairs made again only when its document changes).
// SQLite: a contentless FTS5 table of pair tokens (no positions), kept by
// triggers that call search_word_pairs, which every connection the app opens
// registers (storage/database.ts): it tokenizes as article_search_fts does.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') return indexPairsOnSqlite(db)
  // Lexemes at adjacent positions, "a b" for a at p and b at p + 1, each pair once. A fixed
  // search_path: an index's function must mean the same thing in every session.
  await sql`
    create function search_word_pairs(document tsvector) returns text[]
    language sql immutable strict parallel safe
    set search_path = pg_catalog, pg_temp
    as $$
      select coalesce(array_agg(distinct a.lexeme || ' ' || b.lexeme), '{}')
      from (select u.lexeme, p from unnest(document) u, unnest(u.positions) p) a
      join (select u.lexeme, p from unnest(document) u, unnest(u.positions) p) b
        on b.p = a.p + 1
    $$`.execute(db)
  await sql`
    create index article_search_word_pairs on article_search
    using gin (search_word_pairs(document))`.execute(db)
}

const COLUMNS = ['headline', 'standfirst', 'body', 'bylines', 'tags']

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as up()
async function indexPairsOnSqlite(db: Kysely<any>): Promise<void> {
  // A pair is two stems joined by "_", one token; the stems are folded already. Each field's
  // pairs in a column of their own (detail = column), so ranking can ask which field has them.
  await sql`
    create virtual table article_search_pairs using fts5(
      ${sql.raw(COLUMNS.join(', '))}, content = '', contentless_delete = 1, detail = column,
      tokenize = "unicode61 remove_diacritics 0 tokenchars '_'"
    )`.execute(db)
  const columns = sql.raw(COLUMNS.join(', '))
  const pairsOf = (row: string) =>
    sql.raw(COLUMNS.map((column) => `search_word_pairs(${row}${column})`).join(', '))
  await sql`
    create trigger article_search_pairs_insert after insert on article_search begin
      insert into article_search_pairs (rowid, ${columns}) values (new.doc_id, ${pairsOf('new.')});
    end`.execute(db)
  await sql`
    create trigger article_search_pairs_delete after delete on article_search begin
      delete from article_search_pairs where rowid = old.doc_id;
    end`.execute(db)
  await sql`
    create trigger article_search_pairs_update after update on article_search begin
      delete from article_search_pairs where rowid = old.doc_id;
      insert into article_search_pairs (rowid, ${columns}) values (new.doc_id, ${pairsOf('new.')});
    end`.execute(db)
  await sql`
    insert into article_search_pairs (rowid, ${columns})
    select doc_id, ${pairsOf('')} from article_search`.execute(db)
}
