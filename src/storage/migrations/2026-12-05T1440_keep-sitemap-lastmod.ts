import type { Kysely } from 'kysely'
import type { DialectName } from '../dialect.js'

// Frozen in time: this file never imports the app's schema or code.
// The author and tag sitemaps give each page the newest change of its published
// articles. Read through a join, that is every byline or tag row and its
// article's state (at 100,000 articles: 0.9 s for the sitemap index, 0.4 s for
// the author or the tag file). Each
// byline and tag row now keeps its article's updated_at while the article is
// published (null otherwise), written with the article, and an index per
// author and per tag ends with it: the newest is the last entry of a range.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on today's schema type
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const time = dialect === 'postgres' ? 'timestamptz' : 'text'
  for (const [table, key] of [
    ['article_authors', 'author_id'],
    ['article_tags', 'tag_id'],
  ] as const) {
    await db.schema.alterTable(table).addColumn('published_updated_at', time).execute()
    await db
      .updateTable(table)
      .set((eb) => ({
        published_updated_at: eb
          .selectFrom('articles')
          .select('articles.updated_at')
          .whereRef('articles.id', '=', `${table}.article_id`)
          .where('articles.status', '=', 'published'),
      }))
      .execute()
    await db.schema
      .createIndex(`${table}_published_updated`)
      .on(table)
      .columns([key, 'published_updated_at'])
      .execute()
  }
}
