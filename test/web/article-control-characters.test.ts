// Control characters and the noncharacters U+FFFE and U+FFFF carry no text a
// reader can see, and XML cannot carry them at all. Whatever a writer pastes
// into an article, an author's, a section's or a tag's name, or a biography,
// loses them on the way in (text/control-characters.ts), so they never reach
// a page, a feed or the database.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { startTestServer } from '../helpers/app.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'
import { pathOf } from './html.js'

/** What no page may hold: C0 controls but tab, line feed and carriage return; C1; U+FFFE, U+FFFF. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSEEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/u

const NOISE = '\u0000\u0001\u0007\u000B\u000C\u001B\u007F\u0085\u009F\uFFFE\uFFFF'
const noisy = (text: string) => `${text.slice(0, 3)}${NOISE}${text.slice(3)}`

const describeUnseen = (text: string) =>
  [...text]
    .filter((character) => UNSEEN.test(character))
    .map((character) => `U+${character.codePointAt(0)?.toString(16).padStart(4, '0')}`)
    .join(' ')

for (const dialect of testDialects()) {
  describe(`control characters in what writers type (${dialect})`, () => {
    test('never reach the database or a page, from any article field, name or biography', async (t) => {
      const ctx = await createTestContext(t, dialect)
      const server = await startTestServer(t, ctx)
      const section = await ctx.services.sections.create(COMMAND_LINE, {
        name: noisy('Harbour news'),
        slug: 'harbour',
      })
      assert.equal(section.name, 'Harbour news')
      await ctx.services.sections.rename(COMMAND_LINE, section.slug, noisy('Harbour and coast'))
      const draft = await ctx.services.editing.createDraft(COMMAND_LINE, {
        headline: noisy('Sea wall approved'),
        standfirst: noisy('The vote ends two years of argument.'),
        dateline: noisy('BERGEN, NORWAY'),
        body: `${noisy('The council voted on Tuesday.')}\r\n\r\n${noisy('Engineers agreed.')}\tTabs stay.`,
        keyPoints: [noisy('The wall is approved.'), noisy('Homes are safer.')],
        sectionSlug: section.slug,
        bylines: [noisy('Ada Brekke')],
        tags: [noisy('Flood defences')],
        slug: '',
      })
      await ctx.services.workflow.transition(COMMAND_LINE, draft.id, { transition: 'publish' })
      const article = await ctx.services.articles.getPublishedBySlug(draft.slug)
      const [author] = article.bylines
      const [tag] = article.tags
      assert.ok(author && tag)
      await ctx.services.authors.setBio(author.slug, noisy('Ada covers the coast.\nAnd floods.'))

      // Stored as the writer meant it: the text, without what cannot be seen.
      const stored = [
        article.headline,
        article.standfirst,
        article.dateline,
        article.body,
        ...article.keyPoints,
        author.name,
        tag.name,
        article.section.name,
        (await ctx.services.authors.getBySlug(author.slug)).bio,
      ]
      for (const value of stored) assert.equal(describeUnseen(value), '', JSON.stringify(value))
      assert.equal(article.headline, 'Sea wall approved')
      assert.equal(author.name, 'Ada Brekke')
      assert.equal(tag.name, 'Flood defences')
      assert.equal(article.section.name, 'Harbour and coast')
      assert.equal(
        article.body,
        'The council voted on Tuesday.\n\nEngineers agreed.\tTabs stay.',
        'line breaks and tabs are kept, in one form',
      )

      for (const path of [
        pathOf(article),
        `/authors/${author.slug}`,
        `/tags/${tag.slug}`,
        `/${section.slug}`,
        '/feed.rss',
        `/authors/${author.slug}/feed.atom`,
      ]) {
        const response = await server.get(path)
        assert.equal(response.status, 200, path)
        const html = await response.text()
        assert.equal(describeUnseen(html), '', `${path} holds control characters`)
        assert.ok(html.includes('Ada Brekke'), path)
      }
    })
  })
}
