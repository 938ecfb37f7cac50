// IPTC ninjs 3.1: every demo article, alone and in the list form, validates
// against IPTC's own schema (test/fixtures/schemas/ninjs) with ajv, and says
// what the article says: headline, bylines as people, the dateline as a
// place, subjects from its section and tags, pictures with their renditions.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { runDemo } from '../../src/cli/commands/demo.js'
import { ArticlePage } from '../../src/web/api/content-schemas.js'
import { startTestServer } from '../helpers/app.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'

const schemaOf = (name: string): Record<string, unknown> =>
  JSON.parse(
    readFileSync(new URL(`../fixtures/schemas/ninjs/${name}`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>

const ajv = new Ajv2020({ strict: false, allErrors: true })
addFormats.default(ajv)
ajv.addSchema(schemaOf('GeoJSON-schema.json'))
const validateNinjs = ajv.compile(schemaOf('ninjs-schema_3.1.json'))

const quiet = { log: () => {}, error: () => {}, progress: undefined }

interface NinjsItem {
  uri: string
  headlines: { value: string }[]
  people: { name: string; rel: string }[]
  subjects: { literal: string; rel: string }[]
  places?: { name: string }[]
  associations?: { renditions: { href: string; width: number }[] }[]
  version: string
}

for (const dialect of testDialects()) {
  describe(`ninjs (${dialect})`, () => {
    test('every demo article is valid ninjs 3.1, alone and listed', async (t) => {
      const ctx = await createTestContext(t, dialect)
      await runDemo(ctx, { force: false, announceSkip: false }, quiet)
      const server = await startTestServer(t, ctx)
      const ids: string[] = []
      let path: string | null = '/api/v1/articles?limit=100'
      while (path) {
        const response = await server.get(path)
        const page: { items: { id: string }[]; next: string | null } = ArticlePage.parse(
          await response.json(),
        )
        ids.push(...page.items.map((item) => item.id))
        path = page.next ? `/api/v1/articles?limit=100&cursor=${page.next}` : null
      }
      // The validator refuses what is not ninjs: it can fail.
      assert.equal(validateNinjs({ headlines: 'Not a list' }), false)
      assert.equal(validateNinjs({ uri: 'x', role: 'extra' }), false)
      assert.ok(ids.length >= 10, `demo articles: ${ids.length}`)
      let pictures = 0
      for (const id of ids) {
        const response = await server.get(`/api/v1/articles/${id}?format=ninjs`)
        assert.equal(response.status, 200)
        assert.match(response.headers.get('content-type') ?? '', /ninjs-schema_3\.1/)
        const item = (await response.json()) as NinjsItem
        assert.ok(validateNinjs(item), `${id}: ${ajv.errorsText(validateNinjs.errors)}`)
        const article = await ctx.services.contentApi.article(id)
        assert.equal(item.headlines[0]?.value, article.headline)
        assert.deepEqual(
          item.people.map((person) => person.name),
          article.bylines.map((byline) => byline.name),
        )
        assert.equal(item.version, String(article.version))
        assert.equal(item.subjects[0]?.literal, article.section.slug)
        if (article.dateline !== '') assert.equal(item.places?.[0]?.name, article.dateline)
        if (article.leadImage) {
          pictures++
          assert.ok((item.associations?.[0]?.renditions.length ?? 0) > 0)
        }
      }
      assert.ok(pictures > 0, 'some demo stories have pictures')
      const list = await server.get('/api/v1/articles?format=ninjs&limit=5')
      const listed = (await list.json()) as { items: unknown[]; next: string | null }
      assert.equal(listed.items.length, 5)
      for (const item of listed.items) {
        assert.ok(validateNinjs(item), ajv.errorsText(validateNinjs.errors))
      }
    })
  })
}
