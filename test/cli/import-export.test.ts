// `dateline import DIR` of a Dateline export: what it refuses (malformed JSON
// by line and column, an unknown version, a document the schema refuses, a
// missing media file, a front page placing a story the export lacks, an
// address taken by another article) with nothing
// imported, and a second run that updates and never duplicates.
import assert from 'node:assert/strict'
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test, type TestContext } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import type { AppContext } from '../../src/context.js'
import type { ExportDocument } from '../../src/domain/export/export-document.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle, inputOf } from '../helpers/factories.js'
import { photo } from '../helpers/images.js'
import { createStaff } from '../web/admin-session.js'
import { tempDir } from './cli.js'
import { cliSite, type CliSite } from './in-process.js'

async function smallSite(ctx: AppContext): Promise<void> {
  await ctx.services.sections.ensureDefaults()
  const { item } = await ctx.services.media.upload(COMMAND_LINE, {
    bytes: await photo({ width: 1200, height: 800 }),
    fileName: 'harbour.jpg',
    fields: { alt: 'The harbour wall' },
  })
  const { article } = await importArticle(ctx, {
    headline: 'Harbour wall repaired before the winter storms',
    bylines: ['Ada Brekke'],
  })
  const { actor } = await createStaff(ctx, 'editor')
  const current = await ctx.services.editing.get(actor, article.id)
  await ctx.services.editing.save(actor, article.id, inputOf(current, { leadImageId: item.id }), {
    baseVersion: current.version,
  })
  await ctx.services.comments.addDirectly(COMMAND_LINE, {
    articleId: article.id,
    parentId: null,
    name: 'A reader',
    body: 'Held for now.',
    status: 'pending',
    createdAt: ctx.clock.now(),
  })
}

/** How much the site holds: what a refused or repeated import must leave as it was. */
function contents(site: CliSite) {
  return site.inspect(async (ctx) => ({
    articles: await ctx.stores.articles.countForNewsroom({}),
    media: await ctx.stores.media.count(''),
    authors: await ctx.stores.authors.count(),
    comments: await ctx.stores.comments.countByStatus(),
  }))
}

/** A copy of the export with its document changed by `change`. */
function variant(t: TestContext, folder: string, change: (text: string) => string): string {
  const copy = join(tempDir(t), 'export')
  cpSync(folder, copy, { recursive: true })
  const path = join(copy, 'dateline-export.json')
  writeFileSync(path, change(readFileSync(path, 'utf8')))
  return copy
}

const edited = (edit: (document: ExportDocument) => void) => (text: string) => {
  const document = JSON.parse(text) as ExportDocument
  edit(document)
  return JSON.stringify(document, null, 1)
}

for (const dialect of testDialects()) {
  describe(`dateline import of a Dateline export (${dialect})`, () => {
    test('refuses a broken export whole, with the place or item named', async (t) => {
      const original = await cliSite(t, dialect)
      await original.inspect(smallSite)
      const folder = join(tempDir(t), 'export')
      assert.equal((await original.run(['export', folder])).code, 0)
      const copy = await cliSite(t, dialect)
      const empty = await contents(copy)

      const malformed = variant(t, folder, (text) =>
        text.replace('"articles": [', '"articles": [,'),
      )
      const broken = await copy.run(['import', malformed])
      assert.equal(broken.code, 1)
      assert.match(broken.stderr, /is not valid JSON at line \d+, column \d+/)
      assert.match(broken.stderr, /Nothing was imported/)

      const newer = variant(
        t,
        folder,
        edited((document) => Object.assign(document, { version: 2 })),
      )
      const future = await copy.run(['import', newer])
      assert.equal(future.code, 1)
      assert.match(future.stderr, /version 2; this Dateline reads version 1 only/)

      const slug = 'harbour-wall-repaired-before-the-winter-storms'
      const invalid = variant(
        t,
        folder,
        edited((document) => Object.assign(document.articles[0] ?? {}, { headline: 42 })),
      )
      const refused = await copy.run(['import', invalid])
      assert.equal(refused.code, 1)
      assert.match(
        refused.stderr,
        new RegExp(`articles\\[0\\] \\("${slug}"\\), at /headline must be string`),
      )

      const missing = variant(t, folder, (text) => text)
      const media = (
        JSON.parse(readFileSync(join(folder, 'dateline-export.json'), 'utf8')) as ExportDocument
      ).media[0]
      assert.ok(media)
      rmSync(join(missing, media.file))
      const noFile = await copy.run(['import', '--format', 'dateline', missing])
      assert.equal(noFile.code, 1)
      assert.match(
        noFile.stderr,
        new RegExp(`media item ${media.id} \\(harbour.jpg\\): the file ${media.file} is missing`),
      )

      // The front page: a placed story or a banner's story not in the document, a place given
      // twice, a banner of two lines (the schema's) and a sixth place.
      const stranger = '01900000-0000-7000-8000-000000000000'
      const article = (document: ExportDocument) => document.articles[0]?.id ?? ''
      const placedAt = '2026-11-30T12:00:00.000Z'
      const badFront = variant(
        t,
        folder,
        edited((document) =>
          Object.assign(document, {
            placements: [
              { articleId: article(document), position: 0, pinnedUntil: null, placedAt },
              { articleId: stranger, position: 0, pinnedUntil: null, placedAt },
            ],
            banners: [
              { text: 'Storm', articleId: stranger, expiresAt: placedAt, raisedAt: placedAt },
            ],
          }),
        ),
      )
      const front = await copy.run(['import', badFront])
      assert.equal(front.code, 1)
      assert.match(
        front.stderr,
        new RegExp(`front page position 0: article ${stranger} is not there`),
      )
      assert.match(front.stderr, /front page position 0 is given twice/)
      assert.match(
        front.stderr,
        new RegExp(`breaking-news banner: article ${stranger} is not there`),
      )
      const badBanner = variant(
        t,
        folder,
        edited((document) =>
          Object.assign(document, {
            placements: [
              { articleId: article(document), position: 5, pinnedUntil: null, placedAt },
            ],
            banners: [
              { text: 'Storm\nDamage', articleId: null, expiresAt: placedAt, raisedAt: placedAt },
            ],
          }),
        ),
      )
      const banner = await copy.run(['import', badBanner])
      assert.equal(banner.code, 1)
      assert.match(banner.stderr, /placements\[0\], at \/position must be <= 4/)
      assert.match(banner.stderr, /banners\[0\], at \/text must match pattern/)

      const notExport = await copy.run(['import', '--format', 'dateline', tempDir(t)])
      assert.equal(notExport.code, 1)
      assert.match(notExport.stderr, /is not a Dateline export/)

      assert.deepEqual(await contents(copy), empty, 'nothing of any refused export was written')

      // An article here already at the export's address: refused in the transaction, all undone.
      await copy.inspect(async (ctx) => {
        await ctx.services.sections.ensureDefaults()
        await importArticle(ctx, { headline: 'Harbour wall repaired before the winter storms' })
      })
      const before = await contents(copy)
      const taken = await copy.run(['import', folder])
      assert.equal(taken.code, 1)
      assert.match(
        taken.stderr,
        new RegExp(`article "${slug}": another article on this site already has that address`),
      )
      assert.deepEqual(await contents(copy), before)
    })

    test('a second run updates what changed and adds nothing', async (t) => {
      const original = await cliSite(t, dialect)
      await original.inspect(smallSite)
      const folder = join(tempDir(t), 'export')
      assert.equal((await original.run(['export', folder])).code, 0)
      const copy = await cliSite(t, dialect)

      const first = await copy.run(['import', folder])
      assert.equal(first.code, 0, first.stderr)
      assert.match(first.stdout, /articles 1 created, 0 updated, 0 unchanged/)
      assert.match(first.stdout, /names 1 staff account; accounts are not imported/)
      const once = await contents(copy)
      assert.equal(once.articles, 1)
      assert.equal(once.media, 1)
      assert.equal(once.comments.pending, 1)

      const again = await copy.run(['import', folder])
      assert.equal(again.code, 0, again.stderr)
      assert.match(again.stdout, /articles 0 created, 0 updated, 1 unchanged/)
      assert.deepEqual(await contents(copy), once)

      const changed = variant(
        t,
        folder,
        edited((document) => {
          const article = document.articles[0]
          assert.ok(article)
          Object.assign(article, {
            headline: 'Harbour wall finished before the winter storms',
            version: article.version + 1,
            updatedAt: '2026-11-21T09:00:00.000Z',
          })
          const comment = article.comments[0]
          assert.ok(comment)
          Object.assign(comment, { status: 'approved' })
        }),
      )
      const update = await copy.run(['import', changed])
      assert.equal(update.code, 0, update.stderr)
      assert.match(update.stdout, /articles 0 created, 1 updated, 0 unchanged/)
      const after = await contents(copy)
      assert.equal(after.articles, 1)
      assert.equal(after.comments.approved, 1)
      assert.equal(after.comments.pending, 0)
      const headline = await copy.inspect(async (ctx) => {
        const [summary] = await ctx.stores.articles.listForNewsroom({}, { limit: 1, offset: 0 })
        return summary?.headline
      })
      assert.equal(headline, 'Harbour wall finished before the winter storms')
    })
  })
}
