import { sql, type Kysely } from 'kysely'
import type { DialectName } from '../dialect.js'

// Frozen in time: this file never imports the app's schema or code.
// Full-text search: `article_search` holds one row per published article (its
// headline, standfirst, plain-text body, byline and tag names); ArticleStore
// writes it in the same transaction as the article. The index over it is the
// one part that differs: an FTS5 table kept by triggers on SQLite, a weighted
// tsvector column with a GIN index on PostgreSQL.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const time = dialect === 'postgres' ? 'timestamptz' : 'text'
  let table = db.schema.createTable('article_search')
  if (dialect === 'sqlite') {
    // FTS5 rows are keyed by integer; this is the key, the article id its other name.
    table = table
      .addColumn('doc_id', 'integer', (col) => col.primaryKey())
      .addColumn('article_id', 'text', (col) =>
        col.notNull().unique().references('articles.id').onDelete('cascade'),
      )
  } else {
    table = table.addColumn('article_id', 'text', (col) =>
      col.primaryKey().references('articles.id').onDelete('cascade'),
    )
  }
  // Only published articles have a row, so ranking needs nothing from `articles`.
  // The body comes last: SQLite reads a row's columns in order, and a long body
  // spills onto overflow pages that ranking thousands of matches must not read.
  await table
    .addColumn('published_at', time, (col) => col.notNull())
    // The headline's words, normalised: a search typing a headline word for word ranks it first.
    .addColumn('headline_key', 'text', (col) => col.notNull())
    .addColumn('headline', 'text', (col) => col.notNull())
    .addColumn('standfirst', 'text', (col) => col.notNull())
    .addColumn('bylines', 'text', (col) => col.notNull())
    .addColumn('tags', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .execute()

  if (dialect === 'sqlite') {
    // External content: the text lives once, in article_search; the triggers keep the index in step.
    await sql`
      create virtual table article_search_fts using fts5(
        headline, standfirst, body, bylines, tags,
        content = 'article_search', content_rowid = 'doc_id',
        tokenize = 'porter unicode61 remove_diacritics 2'
      )`.execute(db)
    const columns = sql.raw('headline, standfirst, body, bylines, tags')
    const oldValues = sql.raw(
      'old.doc_id, old.headline, old.standfirst, old.body, old.bylines, old.tags',
    )
    const newValues = sql.raw(
      'new.doc_id, new.headline, new.standfirst, new.body, new.bylines, new.tags',
    )
    await sql`
      create trigger article_search_insert after insert on article_search begin
        insert into article_search_fts (rowid, ${columns}) values (${newValues});
      end`.execute(db)
    await sql`
      create trigger article_search_delete after delete on article_search begin
        insert into article_search_fts (article_search_fts, rowid, ${columns})
          values ('delete', ${oldValues});
      end`.execute(db)
    await sql`
      create trigger article_search_update after update on article_search begin
        insert into article_search_fts (article_search_fts, rowid, ${columns})
          values ('delete', ${oldValues});
        insert into article_search_fts (rowid, ${columns}) values (${newValues});
      end`.execute(db)
  } else {
    // Weights: A headline, B standfirst, C bylines and tags, D body. PostgreSQL's
    // parser drops anything shaped like an XML tag, so a story about "<script>"
    // would not be found by "script": angle brackets are read as spaces.
    const vector = (column: string, weight: string) =>
      sql`setweight(to_tsvector('english'::regconfig, translate(${sql.ref(column)}, '<>', '  ')), ${sql.lit(weight)})`
    await sql`
      alter table article_search add column document tsvector generated always as (
        ${vector('headline', 'A')} || ${vector('standfirst', 'B')} || ${vector('bylines', 'C')} ||
        ${vector('tags', 'C')} || ${vector('body', 'D')}
      ) stored`.execute(db)
    await sql`create index article_search_document on article_search using gin (document)`.execute(
      db,
    )
  }

  await backfill(db)
}

const BATCH = 200

/**
 * Indexes the articles already published. The body's Markdown is reduced to
 * text here by a frozen approximation; the next save of each article writes
 * the app's own plain text.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
async function backfill(db: Kysely<any>): Promise<void> {
  let after = ''
  for (;;) {
    const articles = (await db
      .selectFrom('articles')
      .select(['id', 'headline', 'standfirst', 'dateline', 'body', 'published_at', 'updated_at'])
      .where('status', '=', 'published')
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute()) as {
      id: string
      headline: string
      standfirst: string
      dateline: string
      body: string
      published_at: string | Date | null
      updated_at: string | Date
    }[]
    const last = articles.at(-1)
    if (!last) return
    after = last.id
    const ids = articles.map((article) => article.id)
    const bylines = await namesOf(db, 'article_authors', 'author_id', 'authors', ids)
    const tags = await namesOf(db, 'article_tags', 'tag_id', 'tags', ids)
    await db
      .insertInto('article_search')
      .values(
        articles.map((article) => {
          const body = plainText(article.body)
          return {
            article_id: article.id,
            published_at: article.published_at ?? article.updated_at,
            headline: clean(article.headline),
            headline_key: wordKey(article.headline),
            standfirst: clean(article.standfirst),
            body: clean(article.dateline === '' ? body : `${article.dateline} — ${body}`),
            bylines: clean((bylines.get(article.id) ?? []).join(', ')),
            tags: clean((tags.get(article.id) ?? []).join(', ')),
          }
        }),
      )
      .execute()
  }
}

async function namesOf(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
  db: Kysely<any>,
  link: string,
  key: string,
  names: string,
  articleIds: string[],
): Promise<Map<string, string[]>> {
  const rows = (await db
    .selectFrom(`${link} as l`)
    .innerJoin(`${names} as n`, 'n.id', `l.${key}`)
    .select(['l.article_id', 'n.name'])
    .where('l.article_id', 'in', articleIds)
    .orderBy('l.article_id')
    .orderBy('l.position')
    .execute()) as { article_id: string; name: string }[]
  const byArticle = new Map<string, string[]>()
  for (const row of rows) {
    byArticle.set(row.article_id, [...(byArticle.get(row.article_id) ?? []), row.name])
  }
  return byArticle
}

/** Markdown → text, roughly: block markers, link targets, emphasis and escapes dropped. */
function plainText(markdown: string): string {
  return markdown
    .replace(/^ {0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,9}[.)]\s+)/gm, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(?<!\\)(?:\*\*|__|\*|_|`)/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!<>~"'&|])/g, '$1')
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’.\-‐][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*/gu

/** A headline's words, lower case, with plain apostrophes and hyphens, one space apart. */
function wordKey(text: string): string {
  return Array.from(text.matchAll(WORD), (match) =>
    match[0].replace(/’/g, "'").replace(/‐/g, '-').toLowerCase(),
  ).join(' ')
}

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F]/g

/** No control characters (the search markers among them), one space between words. */
function clean(text: string): string {
  return text.replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim()
}
