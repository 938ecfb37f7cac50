// The author and tag sitemaps' lastmod: the newest change of the page's
// published articles, read from the time each byline and tag row keeps
// (schema-columns.ts, ArticleLastModified). It follows every way an article
// changes: a publish, an edit with or without new bylines and tags, an
// unpublish (the page loses the story, or drops out when it was its last) and
// a publish again; and the migration fills it in for the articles already there.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Kysely } from 'kysely'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import type { Article } from '../../src/domain/articles/article.js'
import type { SitemapPlace } from '../../src/domain/articles/syndication.js'
import { createDatabase } from '../../src/storage/database.js'
import { migrateToLatest, migrateUpTo } from '../../src/storage/migrate.js'
import { createSyndicationReads } from '../../src/storage/syndication-queries.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { createTestDatabase, testDialects } from '../helpers/dialects.js'
import { importArticle, inputOf } from '../helpers/factories.js'

const MINUTE = 60_000

/** slug → lastmod, for the whole list: a missing page fails the comparison as much as a wrong time. */
function bySlug(places: readonly SitemapPlace[]): Record<string, string> {
  return Object.fromEntries(places.map((place) => [place.slug, place.lastModified.toISOString()]))
}

const at = (article: Article): string => article.updatedAt.toISOString()

async function lastmods(ctx: TestAppContext) {
  const { syndication } = ctx.services
  return { authors: bySlug(await syndication.authors()), tags: bySlug(await syndication.tags()) }
}

async function edit(
  ctx: TestAppContext,
  article: Article,
  changes: Parameters<typeof inputOf>[1],
): Promise<Article> {
  ctx.clock.advance(MINUTE)
  const current = await ctx.services.editing.get(COMMAND_LINE, article.id)
  return ctx.services.editing.save(COMMAND_LINE, article.id, inputOf(current, changes), {
    baseVersion: current.version,
  })
}

async function move(ctx: TestAppContext, article: Article, transition: 'publish' | 'unpublish') {
  ctx.clock.advance(MINUTE)
  return ctx.services.workflow.transition(COMMAND_LINE, article.id, { transition })
}

for (const dialect of testDialects()) {
  describe(`author and tag lastmod (${dialect})`, () => {
    test('follows publishes, edits of bylines and tags, unpublishes and republishes', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const publish = async (bylines: string[], tags: string[], draft = false) => {
        ctx.clock.advance(MINUTE)
        return (await importArticle(ctx, { dateLine: '', bylines }, { tags, draft })).article
      }
      const first = await publish(['Ada Brekke'], ['Floods'])
      let second = await publish(['Ada Brekke', 'Jonas Vik'], ['Floods', 'Harbour'])
      await publish(['Draft Writer'], ['Draft Tag'], true)
      assert.deepEqual(await lastmods(ctx), {
        authors: { 'ada-brekke': at(second), 'jonas-vik': at(second) },
        tags: { floods: at(second), harbour: at(second) },
      })

      // Ada and Floods leave the second story; Ferries joins it.
      second = await edit(ctx, second, { bylines: ['Jonas Vik'], tags: ['Harbour', 'Ferries'] })
      assert.deepEqual(await lastmods(ctx), {
        authors: { 'ada-brekke': at(first), 'jonas-vik': at(second) },
        tags: { ferries: at(second), floods: at(first), harbour: at(second) },
      })

      // An edit that keeps the bylines and tags still moves their lastmod.
      const edited = await edit(ctx, first, { standfirst: 'A corrected standfirst.' })
      assert.deepEqual(await lastmods(ctx), {
        authors: { 'ada-brekke': at(edited), 'jonas-vik': at(second) },
        tags: { ferries: at(second), floods: at(edited), harbour: at(second) },
      })

      // Unpublished, the second story counts for nothing: pages that had only it drop out.
      const withdrawn = await move(ctx, second, 'unpublish')
      assert.deepEqual(await lastmods(ctx), {
        authors: { 'ada-brekke': at(edited) },
        tags: { floods: at(edited) },
      })
      // Edited while unpublished, it still counts for nothing.
      await edit(ctx, withdrawn, { tags: ['Harbour', 'Ferries', 'Floods'] })
      assert.deepEqual(await lastmods(ctx), {
        authors: { 'ada-brekke': at(edited) },
        tags: { floods: at(edited) },
      })

      const republished = await move(ctx, second, 'publish')
      assert.deepEqual(await lastmods(ctx), {
        authors: { 'ada-brekke': at(edited), 'jonas-vik': at(republished) },
        tags: {
          ferries: at(republished),
          floods: at(republished),
          harbour: at(republished),
        },
      })
    })

    test('a tag merge keeps the merged stories’ lastmod', async (t) => {
      const ctx = await createTestContext(t, dialect)
      ctx.clock.advance(MINUTE)
      await importArticle(ctx, { dateLine: '' }, { tags: ['Floods'] })
      ctx.clock.advance(MINUTE)
      const newer = (await importArticle(ctx, { dateLine: '' }, { tags: ['Flooding'] })).article
      await ctx.services.tags.merge(COMMAND_LINE, 'flooding', 'floods')
      assert.deepEqual((await lastmods(ctx)).tags, { floods: at(newer) })
    })

    test('the migration fills in the lastmod of the articles already there', async (t) => {
      const database = await createTestDatabase(dialect)
      const handle = await createDatabase(database.url)
      t.after(async () => {
        await handle.close()
        await database.drop()
      })
      await migrateUpTo(handle.db, dialect, '2026-12-05T1330_index-sitemap-reads')
      await seedBeforeLastmod(handle.db)
      const ran = await migrateToLatest(handle.db, dialect)
      assert.ok(ran.includes('2026-12-05T1440_keep-sitemap-lastmod'), ran.join(', '))
      const reads = createSyndicationReads(handle.db, dialect)
      assert.deepEqual(bySlug(await reads.sitemapAuthors()), { 'ingrid-solberg': LATER })
      assert.deepEqual(bySlug(await reads.sitemapTags()), { tidal: LATER })
    })
  })
}

const EARLIER = '2026-11-20T09:00:00.000Z'
const LATER = '2026-11-21T09:00:00.000Z'

/**
 * The database as the release before left it: a published article and an
 * unpublished one (changed later) by the same author and tag, and one by an
 * author and tag of their own.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema as it was before the migration
async function seedBeforeLastmod(db: Kysely<any>): Promise<void> {
  const made = { created_at: EARLIER, updated_at: EARLIER }
  await db
    .insertInto('sections')
    .values({ id: 's1', slug: 'news', name: 'News', position: 0, ...made })
    .execute()
  await db
    .insertInto('authors')
    .values([
      { id: 'au1', slug: 'ingrid-solberg', name: 'Ingrid Solberg', bio: '', links: '[]', ...made },
      { id: 'au2', slug: 'withdrawn-writer', name: 'Withdrawn', bio: '', links: '[]', ...made },
    ])
    .execute()
  await db
    .insertInto('tags')
    .values([
      { id: 't1', slug: 'tidal', name: 'Tidal energy', created_at: EARLIER },
      { id: 't2', slug: 'withdrawn', name: 'Withdrawn', created_at: EARLIER },
    ])
    .execute()
  const article = (id: string, status: string, updatedAt: string) => ({
    id,
    slug: id,
    headline: id,
    standfirst: '',
    dateline: '',
    body: 'Text.',
    key_points: '[]',
    brief: '',
    section_id: 's1',
    status,
    published_at: EARLIER,
    created_at: EARLIER,
    updated_at: updatedAt,
    version: 1,
    import_key: null,
    created_by: null,
    scheduled_for: null,
    comment_mode: 'default',
    lead_image_id: null,
    social_image_id: null,
  })
  await db
    .insertInto('articles')
    .values([
      article('a1', 'published', LATER),
      article('a2', 'unpublished', '2026-11-22T09:00:00.000Z'),
    ])
    .execute()
  for (const [table, key] of [
    ['article_authors', 'author_id'],
    ['article_tags', 'tag_id'],
  ] as const) {
    const [own, other] = table === 'article_authors' ? ['au1', 'au2'] : ['t1', 't2']
    await db
      .insertInto(table)
      .values([
        { article_id: 'a1', [key]: own, position: 0 },
        { article_id: 'a2', [key]: own, position: 0 },
        { article_id: 'a2', [key]: other, position: 1 },
      ])
      .execute()
  }
}
