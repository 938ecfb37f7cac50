import { sql, type Kysely, type NotNull } from 'kysely'
import type { ImageRef } from '../domain/media/media.js'
import type { SitemapPlace, SyndicationReads } from '../domain/articles/syndication.js'
import type { TagRef } from '../domain/tags/tag.js'
import { fromDbTime, jsonRows, jsonRowsOf, toDbTime, type DialectName } from './dialect.js'
import { imageRefColumns, imageRefOf } from './media-rows.js'
import type { Database } from './schema.js'

const later = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b)

/** The aliases an image's columns are read under. */
const IMAGE_COLUMN_NAMES = imageRefColumns('m').map((_, index) => `m${index}` as const)

/** Pictures from a JSON list of imageRefColumns rows the database built. */
function imageList(rows: unknown[][]): ImageRef[] {
  return rows.flatMap((values) => imageRefOf(values) ?? [])
}

/**
 * The reads behind feeds and sitemaps (part of the ArticleStore). Every list
 * walks an index: published articles by `articles(status, published_at, id)`,
 * per section by `articles(status, section_id, updated_at)`, the newest change
 * per author and tag by the `published_updated_at` their byline and tag rows
 * keep (schema-columns.ts).
 */
export function createSyndicationReads(
  db: Kysely<Database>,
  dialect: DialectName,
): SyndicationReads {
  /** Published articles oldest first: stable sitemap files, newest stories in the last one. */
  function publishedOldestFirst() {
    return db
      .selectFrom('articles')
      .where('status', '=', 'published')
      .where('published_at', 'is not', null)
      .orderBy('published_at', 'asc')
      .orderBy('id', 'asc')
  }

  return {
    async feedDetails(ids, { body }) {
      const details = new Map<
        string,
        { tags: TagRef[]; body: string | undefined; inlineImages: ImageRef[] }
      >()
      if (ids.length === 0) return details
      for (const id of ids) details.set(id, { tags: [], body: undefined, inlineImages: [] })
      const [tags, bodies, images] = await Promise.all([
        db
          .selectFrom('article_tags as at')
          .innerJoin('tags as t', 't.id', 'at.tag_id')
          .select(['at.article_id', 't.slug', 't.name'])
          .where('at.article_id', 'in', ids)
          .orderBy('at.article_id')
          .orderBy('at.position')
          .execute(),
        body
          ? db.selectFrom('articles').select(['id', 'body']).where('id', 'in', ids).execute()
          : Promise.resolve([]),
        // The pictures a full text shows, by the usages index, in body order.
        body
          ? db
              .selectFrom('media_usages as mu')
              .innerJoin('media_items as m', 'm.id', 'mu.media_id')
              .select('mu.owner_id')
              .select(imageRefColumns('m').map((column, index) => column.as(`m${index}`)))
              .where('mu.kind', '=', 'article_inline')
              .where('mu.owner_id', 'in', ids)
              .orderBy('mu.owner_id')
              .orderBy('mu.position')
              .execute()
          : Promise.resolve([]),
      ])
      for (const row of images) {
        const image = imageRefOf(IMAGE_COLUMN_NAMES.map((name) => row[name]))
        if (image) details.get(row.owner_id)?.inlineImages.push(image)
      }
      for (const { article_id, slug, name } of tags) {
        details.get(article_id)?.tags.push({ slug, name })
      }
      for (const row of bodies) {
        const entry = details.get(row.id)
        if (entry) entry.body = row.body
      }
      return details
    },

    async sitemapArticles(page) {
      const rows = await publishedOldestFirst()
        .select(['slug', 'published_at', 'updated_at'])
        // Its pictures, lead first, each from the usages index: the image sitemap extension.
        .select((eb) =>
          eb
            .selectFrom('media_usages as mu')
            .innerJoin('media_items as m', 'm.id', 'mu.media_id')
            .whereRef('mu.owner_id', '=', 'articles.id')
            .where('mu.kind', 'in', ['article_lead', 'article_inline'])
            .select(
              jsonRowsOf(dialect, imageRefColumns('m'), [
                sql`case when mu.kind = 'article_lead' then 0 else 1 end`,
                sql.ref('mu.position'),
              ]).as('list'),
            )
            .as('images'),
        )
        .$narrowType<{ published_at: NotNull }>()
        .limit(page.limit)
        .offset(page.offset)
        .execute()
      return rows.map((row) => ({
        slug: row.slug,
        publishedAt: fromDbTime(row.published_at),
        updatedAt: fromDbTime(row.updated_at),
        images: imageList(jsonRows(dialect, row.images)),
      }))
    },

    async sitemapArticleFiles(perFile) {
      // File by file along articles_sitemap (status, published_at, id, …, updated_at): a
      // file is the perFile articles after where the one before ended, its newest update
      // the largest among them. Each file's range is walked twice (its newest update, then
      // its last key), never the files before it: an OFFSET per file walked them all again
      // (1.5 s for the 24 files of a million articles).
      type Key = { published_at: string | Date; id: string }
      const past = (after: Key | undefined) =>
        after === undefined
          ? publishedOldestFirst()
          : publishedOldestFirst().where((eb) =>
              eb(eb.refTuple('published_at', 'id'), '>', eb.tuple(after.published_at, after.id)),
            )
      const lastModified: Date[] = []
      let after: Key | undefined
      for (;;) {
        const row = await db
          .selectFrom(past(after).select('updated_at').limit(perFile).as('chunk'))
          .select((eb) => eb.fn.max('chunk.updated_at').as('last'))
          .executeTakeFirst()
        if (!row?.last) break
        lastModified.push(fromDbTime(row.last))
        const end: Key | undefined = await past(after)
          .select(['published_at', 'id'])
          .$narrowType<{ published_at: NotNull }>()
          .limit(1)
          .offset(perFile - 1)
          .executeTakeFirst()
        if (end === undefined) break
        after = end
      }
      return lastModified
    },

    async sitemapSections() {
      // Each section's newest published change is the last entry of its range in
      // articles(status, section_id, updated_at): one step per section, however many articles.
      const rows = await db
        .selectFrom('sections as s')
        .select((eb) => [
          's.slug',
          's.updated_at',
          eb
            .selectFrom('articles as a')
            .whereRef('a.section_id', '=', 's.id')
            .where('a.status', '=', 'published')
            .select((sub) => sub.fn.max('a.updated_at').as('last'))
            .as('last'),
        ])
        .orderBy('s.position')
        .execute()
      return rows.map((row) => {
        const own = fromDbTime(row.updated_at)
        return { slug: row.slug, lastModified: row.last ? later(own, fromDbTime(row.last)) : own }
      })
    },

    async sitemapAuthors() {
      // Authors with a published article; its newest change is the last entry of the
      // author's range in article_authors(author_id, published_updated_at).
      const rows = await db
        .selectFrom('authors as au')
        .select((eb) => [
          'au.slug',
          'au.updated_at',
          eb
            .selectFrom('article_authors as aa')
            .whereRef('aa.author_id', '=', 'au.id')
            .select((sub) => sub.fn.max('aa.published_updated_at').as('last'))
            .as('last'),
        ])
        .orderBy('au.slug')
        .execute()
      return rows.flatMap(({ slug, updated_at, last }): SitemapPlace[] =>
        last ? [{ slug, lastModified: later(fromDbTime(updated_at), fromDbTime(last)) }] : [],
      )
    },

    async sitemapTags() {
      // As for authors, by article_tags(tag_id, published_updated_at).
      const rows = await db
        .selectFrom('tags as t')
        .select((eb) => [
          't.slug',
          eb
            .selectFrom('article_tags as at')
            .whereRef('at.tag_id', '=', 't.id')
            .select((sub) => sub.fn.max('at.published_updated_at').as('last'))
            .as('last'),
        ])
        .orderBy('t.slug')
        .execute()
      return rows.flatMap(({ slug, last }): SitemapPlace[] =>
        last ? [{ slug, lastModified: fromDbTime(last) }] : [],
      )
    },

    async publishedSince(since, limit) {
      const rows = await db
        .selectFrom('articles')
        .select(['slug', 'headline', 'published_at', 'updated_at'])
        .where('status', '=', 'published')
        // A range on published_at: only rows that have one.
        .where('published_at', '>=', toDbTime(since))
        .$narrowType<{ published_at: NotNull }>()
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute()
      return rows.map((row) => ({
        slug: row.slug,
        headline: row.headline,
        publishedAt: fromDbTime(row.published_at),
        updatedAt: fromDbTime(row.updated_at),
      }))
    },
  }
}
