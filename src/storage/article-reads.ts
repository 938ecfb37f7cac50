import { sql, type Kysely } from 'kysely'
import type {
  Article,
  ArticleByline,
  ArticleStatus,
  ArticleTag,
  Correction,
} from '../domain/articles/article.js'
import type { ArticleStore } from '../domain/articles/article-store.js'
import type { ArticleCommentMode } from '../domain/comments/comment-policy.js'
import {
  fromDbTime,
  fromNullableDbTime,
  jsonRows,
  jsonRowsOf,
  type DialectName,
} from './dialect.js'
import type { ImageRef } from '../domain/media/media.js'
import { imageRefColumns, imageRefOf } from './media-rows.js'
import { compiledOnce, VALUE } from './compiled-once.js'
import type { Database } from './schema.js'

export type ArticleReads = Pick<
  ArticleStore,
  'findById' | 'findByIds' | 'findBySlug' | 'findIdBySlug' | 'findIdByImportKey' | 'slugsLike'
>

function articleQuery(db: Kysely<Database>, dialect: DialectName) {
  return db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .selectAll('a')
    .select((eb) => [
      's.slug as section_slug',
      's.name as section_name',
      eb
        .selectFrom('article_authors as aa')
        .innerJoin('authors as au', 'au.id', 'aa.author_id')
        .leftJoin('media_items as p', 'p.id', 'au.photo_id')
        .whereRef('aa.article_id', '=', 'a.id')
        .select(
          jsonRowsOf(
            dialect,
            [sql.ref('au.id'), sql.ref('au.slug'), sql.ref('au.name'), ...imageRefColumns('p')],
            [sql.ref('aa.position')],
          ).as('list'),
        )
        .as('bylines'),
      // The lead image and the body's images, as its last save recorded them.
      eb
        .selectFrom('media_usages as mu')
        .innerJoin('media_items as m', 'm.id', 'mu.media_id')
        .whereRef('mu.owner_id', '=', 'a.id')
        .where('mu.kind', 'in', ['article_lead', 'article_inline', 'article_social'])
        .select(
          jsonRowsOf(
            dialect,
            [sql.ref('mu.kind'), ...imageRefColumns('m')],
            [sql.ref('mu.kind'), sql.ref('mu.position')],
          ).as('list'),
        )
        .as('images'),
      eb
        .selectFrom('article_tags as at')
        .innerJoin('tags as t', 't.id', 'at.tag_id')
        .whereRef('at.article_id', '=', 'a.id')
        .select(
          jsonRowsOf(
            dialect,
            [sql.ref('t.id'), sql.ref('t.slug'), sql.ref('t.name')],
            [sql.ref('at.position')],
          ).as('list'),
        )
        .as('tags'),
      eb
        .selectFrom('corrections as c')
        .whereRef('c.article_id', '=', 'a.id')
        .select(
          jsonRowsOf(
            dialect,
            [sql.ref('c.id'), sql.ref('c.note'), sql.ref('c.created_at')],
            [sql.ref('c.created_at'), sql.ref('c.id')],
          ).as('list'),
        )
        .as('corrections'),
      // By the unique thread_articles(article_id): the one thread it is in, if any.
      eb
        .selectFrom('thread_articles as ta')
        .whereRef('ta.article_id', '=', 'a.id')
        .select('ta.thread_id')
        .as('thread_id'),
    ])
}

type ArticleRow = Awaited<ReturnType<ReturnType<typeof articleQuery>['executeTakeFirstOrThrow']>>

const articleById = compiledOnce((db, dialect) =>
  articleQuery(db, dialect).where('a.id', '=', VALUE),
)
const articleBySlug = compiledOnce((db, dialect) =>
  articleQuery(db, dialect).where('a.slug', '=', VALUE),
)

/**
 * One article, whole, and the id-only lookups writes need. An article is read
 * in one statement: its bylines, tags and corrections come along as JSON
 * lists, each from its (article_id, …) index, so that an editor's save or a
 * reader's page does not pay a round trip per list.
 */
export function createArticleReads(db: Kysely<Database>, dialect: DialectName): ArticleReads {
  async function findOne(column: 'a.id' | 'a.slug', value: string): Promise<Article | undefined> {
    const [row] = await (column === 'a.id' ? articleById : articleBySlug)(db, dialect, value)
    return row && articleOf(row)
  }

  function articleOf(row: ArticleRow): Article {
    return {
      id: row.id,
      slug: row.slug,
      headline: row.headline,
      standfirst: row.standfirst,
      dateline: row.dateline,
      body: row.body,
      keyPoints: parseKeyPoints(row.key_points),
      brief: row.brief,
      sectionId: row.section_id,
      section: { slug: row.section_slug, name: row.section_name },
      bylines: jsonRows(dialect, row.bylines).map(([id, slug, name, ...photo]): ArticleByline => ({
        id: String(id),
        slug: String(slug),
        name: String(name),
        photo: imageRefOf(photo) ?? null,
      })),
      tags: triples(jsonRows(dialect, row.tags)).map(([id, slug, name]): ArticleTag => ({
        id,
        slug,
        name,
      })),
      threadId: row.thread_id ?? null,
      status: row.status as ArticleStatus,
      publishedAt: fromNullableDbTime(row.published_at),
      scheduledFor: fromNullableDbTime(row.scheduled_for),
      createdAt: fromDbTime(row.created_at),
      updatedAt: fromDbTime(row.updated_at),
      createdBy: row.created_by,
      commentMode: row.comment_mode as ArticleCommentMode,
      corrections: triples(jsonRows(dialect, row.corrections)).map(
        ([id, note, createdAt]): Correction => ({
          id,
          note,
          createdAt: fromDbTime(createdAt),
        }),
      ),
      ...imagesOf(jsonRows(dialect, row.images)),
      seo: {
        metaTitle: row.meta_title,
        metaDescription: row.meta_description,
        socialTitle: row.social_title,
        socialDescription: row.social_description,
      },
      version: row.version,
    }
  }

  return {
    findById: (id) => findOne('a.id', id),

    async findByIds(ids) {
      if (ids.length === 0) return []
      const rows = await articleQuery(db, dialect).where('a.id', 'in', ids).execute()
      const byId = new Map(rows.map((row) => [row.id, articleOf(row)]))
      return ids.flatMap((id) => byId.get(id) ?? [])
    },
    findBySlug: (slug) => findOne('a.slug', slug),

    async findIdBySlug(slug) {
      const row = await db
        .selectFrom('articles')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirst()
      return row?.id
    },

    async findIdByImportKey(importKey) {
      const row = await db
        .selectFrom('articles')
        .select('id')
        .where('import_key', '=', importKey)
        .executeTakeFirst()
      return row?.id
    },

    async slugsLike(base) {
      // Exact lookups first, by the unique index. LIKE cannot use that index (it
      // ignores case on SQLite, and depends on the collation on PostgreSQL): it would
      // read every slug, on every new article.
      const likely = [base, ...Array.from({ length: 15 }, (_, i) => `${base}-${i + 2}`)]
      const found = await db
        .selectFrom('articles')
        .select('slug')
        .where('slug', 'in', likely)
        .execute()
      if (found.length < likely.length) return found.map((row) => row.slug)
      const rows = await db
        .selectFrom('articles')
        .select('slug')
        .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
        .execute()
      return rows.map((row) => row.slug)
    },
  }
}

/** The article's images from its usage rows: [kind, …image], lead first, then in body order. */
function imagesOf(rows: unknown[][]): Pick<Article, 'leadImage' | 'inlineImages' | 'socialImage'> {
  let leadImage: ImageRef | null = null
  let socialImage: ImageRef | null = null
  const inlineImages: ImageRef[] = []
  for (const [kind, ...values] of rows) {
    const image = imageRefOf(values)
    if (!image) continue
    if (kind === 'article_lead') leadImage = image
    else if (kind === 'article_social') socialImage = image
    else inlineImages.push(image)
  }
  return { leadImage, inlineImages, socialImage }
}

/** Rows of [text, text, text] the database built (jsonRowsOf). */
function triples(rows: unknown[][]): [string, string, string][] {
  return rows.map((item) => {
    if (item.length !== 3 || !item.every((v) => typeof v === 'string')) {
      throw new Error('expected [text, text, text] rows in a JSON list from the database')
    }
    return item as [string, string, string]
  })
}

export function parseKeyPoints(json: string): string[] {
  const value: unknown = JSON.parse(json)
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : []
}
