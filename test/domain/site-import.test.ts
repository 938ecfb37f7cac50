// The site import over the real WordPress and Ghost exports (test/fixtures),
// on both databases: stories, pictures, comments and old addresses, through
// the domain's writes; a second run changes nothing; old links answer 301
// over HTTP.
import assert from 'node:assert/strict'
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { mediaFolder } from '../../src/cli/commands/media-folder.js'
import type { Article } from '../../src/domain/articles/article.js'
import { importedCommentId } from '../../src/domain/imports/import-comments.js'
import type { ItemOutcome, SiteImportOptions } from '../../src/domain/imports/site-import.js'
import { readGhostExport } from '../../src/text/import/ghost/ghost-reader.js'
import type { ImportReader } from '../../src/text/import/import-item.js'
import { readWordpressExport } from '../../src/text/import/wordpress/wxr-reader.js'
import { startTestServer } from '../helpers/app.js'
import { createTestContext, type TestAppContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'

const FIXTURES = join(import.meta.dirname, '../fixtures')
const WXR = join(FIXTURES, 'wordpress/export.xml')
const WP_MEDIA = join(FIXTURES, 'wordpress/media')
const GHOST = join(FIXTURES, 'ghost/export.json')
const GHOST_MEDIA = join(FIXTURES, 'ghost/media')
const WP_SITE = 'wordpress:http://127.0.0.1:8089'

async function importFile(
  ctx: TestAppContext,
  reader: ImportReader,
  file: string,
  options: Partial<SiteImportOptions> = {},
) {
  const outcomes: ItemOutcome[] = []
  const summary = await ctx.services.siteImport.importItems(
    reader(() => createReadStream(file)),
    { defaultSection: 'news', onItem: (outcome) => outcomes.push(outcome), ...options },
  )
  return {
    summary,
    outcomes,
    byLabel: (part: string) => outcomes.find((o) => o.name.includes(part)),
  }
}

async function articleOf(ctx: TestAppContext, sourceKey: string): Promise<Article> {
  const id = await ctx.stores.articles.findIdByImportKey(sourceKey)
  assert.ok(id, `nothing imported for ${sourceKey}`)
  const article = await ctx.stores.articles.findById(id)
  assert.ok(article)
  return article
}

for (const dialect of testDialects()) {
  describe(`site import: WordPress (${dialect})`, () => {
    test('stories, pictures, comments and redirects from the real export; a second run changes nothing', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const first = await importFile(ctx, readWordpressExport, WXR, {
        media: mediaFolder(WP_MEDIA),
        sectionMap: new Map([['Politics', 'politics']]),
      })
      assert.equal(first.summary.created, 7)
      assert.equal(first.summary.failed, 0)
      assert.equal(first.summary.comments, 3)
      assert.deepEqual(first.summary.sharedNames, ['Amara Okafor (amara, amara-sports)'])

      const harbour = await articleOf(ctx, `${WP_SITE}:9`)
      assert.equal(harbour.status, 'published')
      assert.equal(harbour.publishedAt?.toISOString(), '2026-11-21T09:30:00.000Z')
      assert.equal(harbour.section.slug, 'politics')
      assert.deepEqual(
        harbour.bylines.map((b) => b.name),
        ['Dmitri Volkov'],
      )
      assert.deepEqual(
        harbour.tags.map((tag) => tag.name),
        ['council budget', 'harbour'],
      )
      assert.match(harbour.standfirst, /^Councillors voted 31 to 29/)
      assert.equal(harbour.leadImage?.alt, 'Fishing boats moored in the harbour at dawn')
      assert.equal(harbour.inlineImages.length, 2)
      assert.match(
        harbour.body,
        /!\[Councillors raising their hands in the chamber\]\(media:[0-9a-f-]{36}\)/,
      )
      // The picture on another host was not fetched: it stays its description.
      assert.match(
        harbour.body,
        /!\[A photo on another host\]\(https:\/\/images\.example\.net\/far-away\.jpg\)/,
      )
      assert.match(
        first.byLabel('post 9')?.problems.join('\n') ?? '',
        /far-away\.jpg is on another site; it was not fetched/,
      )

      // The first category goes to a section of its name when the map does not say.
      const trams = await articleOf(ctx, `${WP_SITE}:10`)
      assert.equal(trams.section.name, 'Business')
      assert.equal(trams.inlineImages.length, 3)
      assert.equal(trams.inlineImages[0]?.alt, 'Stalls on the market square.')

      const statuses = await Promise.all(
        [11, 12, 13, 14].map(async (id) => (await articleOf(ctx, `${WP_SITE}:${id}`)).status),
      )
      assert.deepEqual(statuses, ['scheduled', 'draft', 'in_review', 'draft'])
      assert.equal(
        (await articleOf(ctx, `${WP_SITE}:11`)).scheduledFor?.toISOString(),
        '2027-01-15T08:00:00.000Z',
      )
      assert.equal((await articleOf(ctx, `${WP_SITE}:12`)).bylines[0]?.name, 'Amara Okafor')

      const comment = (id: string) =>
        ctx.stores.comments.findById(importedCommentId(`${WP_SITE}:9`, id))
      const [morag, iain, waiting, spam] = await Promise.all(['2', '3', '4', '5'].map(comment))
      assert.equal(morag?.status, 'approved')
      assert.equal(iain?.parentId, morag?.id)
      assert.equal(waiting?.status, 'pending')
      assert.equal(spam, undefined)

      const mediaCount = await ctx.stores.media.count('')
      assert.equal(mediaCount, 5)
      const again = await importFile(ctx, readWordpressExport, WXR, {
        media: mediaFolder(WP_MEDIA),
        sectionMap: new Map([['Politics', 'politics']]),
      })
      assert.equal(again.summary.unchanged, 7)
      assert.equal(again.summary.created + again.summary.updated, 0)
      assert.equal(again.summary.comments, 0)
      assert.equal(await ctx.stores.media.count(''), mediaCount)
      assert.equal((await articleOf(ctx, `${WP_SITE}:9`)).version, harbour.version)

      // Old links: the permalink, ?p=ID and ?page_id=ID answer 301 with the new address.
      const server = await startTestServer(t, ctx)
      const about = await articleOf(ctx, `${WP_SITE}:15`)
      for (const [old, to] of [
        ['/2026/11/harbour-tolls-vote/', '/2026/11/21/harbour-tolls-vote'],
        ['/?p=9', '/2026/11/21/harbour-tolls-vote'],
        ['/?page_id=15', `/2026/11/01/${about.slug}`],
      ] as const) {
        const response = await server.get(old)
        await response.arrayBuffer()
        assert.equal(response.status, 301, old)
        assert.equal(response.headers.get('location'), to)
      }
      const page = await server.get('/2026/11/21/harbour-tolls-vote')
      assert.equal(page.status, 200)
      const html = await page.text()
      assert.match(html, /About time the port paid its way\./)
      assert.doesNotMatch(html, /Awaiting moderation|Buy now|alert\('x'\)/)
      // A draft had no public address: it gets no redirect.
      const draft = await server.get('/?p=12')
      await draft.arrayBuffer()
      assert.notEqual(draft.status, 301)
    })

    test('missing image files are reported and the stories still come in; an edited export updates', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { summary, byLabel } = await importFile(ctx, readWordpressExport, WXR)
      assert.equal(summary.created, 7)
      assert.match(
        byLabel('post 9')?.problems.join('\n') ?? '',
        /harbour\.jpg: no --media folder was given/,
      )
      const harbour = await articleOf(ctx, `${WP_SITE}:9`)
      assert.equal(harbour.status, 'published')
      assert.equal(harbour.leadImage, null)
      assert.equal(await ctx.stores.media.count(''), 0)

      const empty = mediaFolder(join(FIXTURES, 'ghost/media'))
      const second = await importFile(ctx, readWordpressExport, WXR, { media: empty })
      assert.match(
        second.byLabel('post 9')?.problems.join('\n') ?? '',
        /there is no file 2026\/11\/harbour\.jpg/,
      )
      assert.equal(second.summary.failed, 0)
    })
  })

  describe(`site import: Ghost (${dialect})`, () => {
    test('posts and pages with authors in order, primary tag, feature image, SEO fields; old slugs redirect', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const { summary, byLabel } = await importFile(ctx, readGhostExport, GHOST, {
        media: mediaFolder(GHOST_MEDIA),
      })
      assert.equal(summary.created, 5)
      assert.equal(summary.failed, 0)
      const harbour = await ctx.stores.articles.findById(
        byLabel('harbour-tolls-vote')?.article?.id ?? '',
      )
      assert.ok(harbour)
      assert.deepEqual(
        harbour.bylines.map((b) => b.name),
        ['Dmitri Volkov', 'Claire Martin'],
      )
      assert.equal(harbour.section.slug, 'politics')
      assert.equal(harbour.leadImage?.alt, 'Fishing boats moored in the harbour at dawn')
      assert.equal(harbour.seo.metaTitle, 'Harbour tolls rise after close vote')
      assert.equal(harbour.seo.socialDescription, 'A close vote in the chamber.')
      // A feature image without a description: the story waits as a draft, and says why.
      const trams = byLabel('trams-return')
      assert.equal(trams?.article?.status, 'draft')
      assert.match(trams?.problems.join('\n') ?? '', /no alt text/)
      assert.equal(byLabel('budget-day')?.article?.status, 'scheduled')

      const server = await startTestServer(t, ctx)
      const response = await server.get('/harbour-tolls-vote/')
      await response.arrayBuffer()
      assert.equal(response.status, 301)
      assert.equal(response.headers.get('location'), '/2026/11/21/harbour-tolls-vote')
      assert.equal(
        (await importFile(ctx, readGhostExport, GHOST, { media: mediaFolder(GHOST_MEDIA) })).summary
          .unchanged,
        5,
      )
    })
  })
}
