// `dateline export DIR`: the whole site as a JSON document valid against the
// schema in the repository, the media originals byte for byte, every article
// as plain text the importer reads back; never a password hash or session;
// refuses a folder it could mix files into.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { parseArticleText } from '../../src/text/article-text/parse-article-text.js'
import { testDialects } from '../helpers/dialects.js'
import { importArticle } from '../helpers/factories.js'
import { photo } from '../helpers/images.js'
import { createStaff, STAFF_PASSWORD } from '../web/admin-session.js'
import { tempDir } from './cli.js'
import { cliSite } from './in-process.js'

const schema = JSON.parse(
  readFileSync(new URL('../../schemas/dateline-export-1.schema.json', import.meta.url), 'utf8'),
) as object
const ajv = new Ajv2020({ allErrors: true, strict: true })
addFormats.default(ajv)
const validate = ajv.compile(schema)

interface ExportedDocument {
  articles: Array<{
    id: string
    headline: string
    status: string
    bylines: string[]
    revisions: unknown[]
    corrections: unknown[]
    comments: Array<{ status: string }>
    leadImageId: string | null
    textFile: string
  }>
  media: Array<{ id: string; file: string; contentHash: string }>
  users: Array<Record<string, unknown>>
  authors: Array<{ id: string; name: string }>
  threads: Array<{ articleIds: string[] }>
  redirects: Array<{ from: string; to: string; source: string }>
}

for (const dialect of testDialects()) {
  describe(`dateline export DIR (${dialect})`, () => {
    test('writes every part of the site, valid against the schema, and nothing that signs in', async (t) => {
      const site = await cliSite(t, dialect)
      const bytes = await photo({ width: 1600, height: 900 })
      const facts = await site.inspect(async (ctx) => {
        await ctx.services.sections.ensureDefaults()
        const editor = await createStaff(ctx, 'editor')
        const { item } = await ctx.services.media.upload(COMMAND_LINE, {
          bytes,
          fileName: 'harbour.jpg',
          fields: { alt: 'The harbour wall at low tide' },
        })
        const { article } = await importArticle(ctx, {
          headline: 'Harbour wall repaired before the winter storms',
          bylines: ['Ada Brekke', 'Tomás Ferreira'],
        })
        const current = await ctx.services.editing.get(editor.actor, article.id)
        await ctx.services.editing.save(
          editor.actor,
          article.id,
          {
            headline: current.headline,
            standfirst: current.standfirst,
            dateline: current.dateline,
            body: `${current.body}\n\n![The harbour wall at low tide](media:${item.id})`,
            keyPoints: current.keyPoints,
            sectionSlug: 'news',
            bylines: current.bylines.map((byline) => byline.name),
            tags: ['Harbours'],
            slug: current.slug,
            leadImageId: item.id,
          },
          { baseVersion: current.version, correction: 'The wall is 300 metres long, not 400.' },
        )
        for (const status of ['approved', 'pending', 'spam'] as const) {
          await ctx.services.comments.addDirectly(COMMAND_LINE, {
            articleId: article.id,
            parentId: null,
            name: `A ${status} reader`,
            body: `A ${status} comment.`,
            status,
            createdAt: ctx.clock.now(),
          })
        }
        const { article: draft } = await importArticle(
          ctx,
          { headline: 'Ferry timetable talks go on' },
          { draft: true },
        )
        const thread = await ctx.services.threads.create(COMMAND_LINE, { title: 'Flood defences' })
        await ctx.services.threads.addArticle(COMMAND_LINE, thread.slug, article.id)
        await ctx.services.redirects.save(COMMAND_LINE, { from: '/?p=12', to: '/news' })
        const hash = (await ctx.stores.users.findByEmailWithHash(editor.email))?.passwordHash
        return { articleId: article.id, draftId: draft.id, mediaId: item.id, hash, editor }
      })

      const folder = join(tempDir(t), 'export')
      const result = await site.run(['export', folder])
      assert.equal(result.code, 0, result.stderr)
      assert.match(result.stdout, /articles\s+2/)
      const text = readFileSync(join(folder, 'dateline-export.json'), 'utf8')
      const document = JSON.parse(text) as ExportedDocument
      assert.ok(validate(document), ajv.errorsText(validate.errors))

      const story = document.articles.find((article) => article.id === facts.articleId)
      assert.ok(story)
      assert.equal(story.revisions.length, 2)
      assert.equal(story.corrections.length, 1)
      assert.deepEqual(story.comments.map((comment) => comment.status).sort(), [
        'approved',
        'pending',
        'spam',
      ])
      assert.deepEqual(
        story.bylines.map((id) => document.authors.find((author) => author.id === id)?.name),
        ['Ada Brekke', 'Tomás Ferreira'],
      )
      assert.equal(story.leadImageId, facts.mediaId)
      assert.equal(
        document.articles.find((article) => article.id === facts.draftId)?.status,
        'draft',
      )
      assert.deepEqual(document.threads[0]?.articleIds, [facts.articleId])
      assert.deepEqual(document.redirects, [{ from: '/?p=12', to: '/news', source: 'editor' }])

      const [media] = document.media
      assert.ok(media)
      assert.deepEqual(readFileSync(join(folder, media.file)), bytes)

      const parsed = parseArticleText(readFileSync(join(folder, story.textFile), 'utf8'))
      assert.ok(parsed.ok, 'the plain-text form reads back')
      assert.equal(parsed.article.headline, story.headline)
      assert.deepEqual(parsed.article.bylines, ['Ada Brekke', 'Tomás Ferreira'])

      // Staff are listed; nothing they sign in with is.
      assert.ok(document.users.some((user) => user.email === facts.editor.email))
      assert.ok(facts.hash && !text.includes(facts.hash), 'no password hash')
      assert.ok(!text.includes(STAFF_PASSWORD))
      assert.doesNotMatch(text, /passwordHash|password_hash|session|totp|recovery/i)

      // Only the owner may read it: it holds staff emails and drafts.
      assert.equal(statSync(folder).mode & 0o777, 0o700)
      assert.equal(statSync(join(folder, 'dateline-export.json')).mode & 0o777, 0o600)
      assert.ok(!readdirSync(folder).some((name) => name.endsWith('.partial')))
    })

    test('an empty site exports a valid document with empty collections', async (t) => {
      const site = await cliSite(t, dialect)
      const folder = join(tempDir(t), 'empty-export')
      const result = await site.run(['export', folder])
      assert.equal(result.code, 0, result.stderr)
      const document = JSON.parse(
        readFileSync(join(folder, 'dateline-export.json'), 'utf8'),
      ) as ExportedDocument
      assert.ok(validate(document), ajv.errorsText(validate.errors))
      assert.deepEqual(document.articles, [])
    })

    test('refuses a folder that is not empty, a file, and a missing argument', async (t) => {
      const site = await cliSite(t, dialect)
      const used = tempDir(t)
      writeFileSync(join(used, 'notes.txt'), 'mine')
      const notEmpty = await site.run(['export', used])
      assert.equal(notEmpty.code, 1)
      assert.match(notEmpty.stderr, /is not empty; give a new or empty folder/)
      assert.deepEqual(readdirSync(used), ['notes.txt'])

      const file = join(used, 'notes.txt')
      const onFile = await site.run(['export', file])
      assert.equal(onFile.code, 1)
      assert.match(onFile.stderr, /is a file; give a folder/)

      const missing = await site.run(['export'])
      assert.equal(missing.code, 2)
      assert.match(missing.stderr, /missing required argument 'folder'/)
      mkdirSync(join(used, 'empty'))
      assert.equal((await site.run(['export', join(used, 'empty')])).code, 0)
    })
  })
}
