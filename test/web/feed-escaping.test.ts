// Every field of every feed, read back as its format says to read it, is the
// text that went in. RSS descriptions are HTML to feed readers (RSS 2.0:
// "entity-encoded HTML is allowed"), so their text is escaped as HTML and then
// as XML; every other RSS element, and Atom's and JSON Feed's text fields, are
// plain text. Names that look like markup (a byline such as
// `A1 "><img src=x onerror=…>`) must come back as those characters, never as
// elements, in the channel as in the items.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { XMLParser } from 'fast-xml-parser'
import { parse } from 'node-html-parser'
import { COMMAND_LINE } from '../../src/domain/access/policy.js'
import { startTestServer } from '../helpers/app.js'
import { createTestContext } from '../helpers/context.js'
import { testDialects } from '../helpers/dialects.js'

const SITE_NAME = 'Courier <i>&amp;</i> "Q"'
const AUTHOR = 'A1 "><img src=x onerror=alert(1)>'
const TAG = '<b>Tide</b> & "q" ]]>'
const SECTION = 'Harbour <script>x</script> & Co'
const HEADLINE = 'Wall <img src=x onerror=alert(2)> & "sea" <b>now</b>'
const STANDFIRST = 'Stand <iframe src=//evil.example></iframe> & more'

type Node = Record<string, unknown>

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => ['item', 'entry', 'category', 'dc:creator', 'author'].includes(name),
})

/** An element's text as an XML parser gives it. */
function text(node: unknown): string {
  if (typeof node === 'string') return node
  if (node && typeof node === 'object' && '#text' in node) return String((node as Node)['#text'])
  return ''
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

/**
 * HTML read as a feed reader renders it: the text it shows, and every
 * element it would make (none may come from what a writer typed).
 */
function asHtml(html: string): { text: string; elements: string[] } {
  const document = parse(html)
  return {
    text: document.text,
    elements: document.querySelectorAll('*').map((element) => element.tagName.toLowerCase()),
  }
}

interface Field {
  where: string
  /** What a reader gets from the field, read as its format defines it. */
  got: string
  expected: string
}

function rssFields(
  url: string,
  body: string,
  channel: { title: string; description: string },
): Field[] {
  const rss = (xml.parse(body) as { rss: { channel: Node } }).rss.channel
  const item = list(rss.item)[0] as Node
  const html = (value: unknown) => asHtml(text(value))
  const fields: Field[] = [
    { where: 'channel title', got: text(rss.title), expected: channel.title },
    {
      where: 'channel description',
      got: html(rss.description).text,
      expected: channel.description,
    },
    { where: 'item title', got: text(item.title), expected: HEADLINE },
    { where: 'item description', got: html(item.description).text, expected: STANDFIRST },
    { where: 'dc:creator', got: list(item['dc:creator']).map(text).join('|'), expected: AUTHOR },
    {
      where: 'category',
      got: list(item.category).map(text).join('|'),
      expected: `${SECTION}|${TAG}`,
    },
  ]
  for (const [where, value] of [
    ['channel description', rss.description],
    ['item description', item.description],
  ] as const) {
    assert.deepEqual(html(value).elements, [], `${url}: ${where} makes elements`)
  }
  return fields
}

function atomFields(body: string, channel: { title: string; description: string }): Field[] {
  const feed = (xml.parse(body) as { feed: Node }).feed
  const entry = list(feed.entry)[0] as Node
  const names = (value: unknown) =>
    list(value)
      .map((author) => text((author as Node).name))
      .join('|')
  return [
    { where: 'feed title', got: text(feed.title), expected: channel.title },
    { where: 'subtitle', got: text(feed.subtitle), expected: channel.description },
    { where: 'feed author', got: names(feed.author), expected: SITE_NAME },
    { where: 'entry title', got: text(entry.title), expected: HEADLINE },
    { where: 'summary', got: text(entry.summary), expected: STANDFIRST },
    { where: 'entry author', got: names(entry.author), expected: AUTHOR },
    {
      where: 'category labels',
      got: list(entry.category)
        .map((category) => String((category as Node)['@label']))
        .join('|'),
      expected: `${SECTION}|${TAG}`,
    },
  ]
}

function jsonFields(body: string, channel: { title: string; description: string }): Field[] {
  const feed = JSON.parse(body) as {
    title: string
    description: string
    authors: { name: string }[]
    items: { title: string; summary: string; authors: { name: string }[]; tags: string[] }[]
  }
  const [item] = feed.items
  assert.ok(item)
  return [
    { where: 'title', got: feed.title, expected: channel.title },
    { where: 'description', got: feed.description, expected: channel.description },
    { where: 'feed author', got: feed.authors.map((a) => a.name).join('|'), expected: SITE_NAME },
    { where: 'item title', got: item.title, expected: HEADLINE },
    { where: 'item summary', got: item.summary, expected: STANDFIRST },
    { where: 'item author', got: item.authors.map((a) => a.name).join('|'), expected: AUTHOR },
    { where: 'tags', got: item.tags.join('|'), expected: `${SECTION}|${TAG}` },
  ]
}

for (const dialect of testDialects()) {
  describe(`feed fields round-trip as text (${dialect})`, () => {
    test('channel and item fields of every feed, in RSS, Atom and JSON Feed', async (t) => {
      const ctx = await createTestContext(t, dialect, { SITE_NAME, FEED_FULL_TEXT: 'false' })
      const server = await startTestServer(t, ctx)
      const section = await ctx.services.sections.create(COMMAND_LINE, {
        name: SECTION,
        slug: 'harbour',
      })
      const draft = await ctx.services.editing.createDraft(COMMAND_LINE, {
        headline: HEADLINE,
        standfirst: STANDFIRST,
        dateline: '',
        body: 'The body.',
        keyPoints: [],
        sectionSlug: section.slug,
        bylines: [AUTHOR],
        tags: [TAG],
        slug: '',
      })
      await ctx.services.workflow.transition(COMMAND_LINE, draft.id, { transition: 'publish' })
      const article = await ctx.services.articles.getPublishedBySlug(draft.slug)
      const [author] = article.bylines
      const [tag] = article.tags
      assert.ok(author && tag)
      assert.equal(author.name, AUTHOR)

      const listings = [
        { path: '', title: SITE_NAME, description: `The latest news from ${SITE_NAME}.` },
        {
          path: `/${section.slug}`,
          title: `${SECTION} | ${SITE_NAME}`,
          description: `The latest ${SECTION} stories.`,
        },
        {
          path: `/authors/${author.slug}`,
          title: `${AUTHOR} | ${SITE_NAME}`,
          description: `Stories by ${AUTHOR}.`,
        },
        {
          path: `/tags/${tag.slug}`,
          title: `${TAG} | ${SITE_NAME}`,
          description: `Stories about ${TAG}.`,
        },
      ]
      const problems: string[] = []
      for (const listing of listings) {
        for (const format of ['rss', 'atom', 'json'] as const) {
          const url = `${listing.path}/feed.${format}`
          const response = await server.get(url)
          assert.equal(response.status, 200, url)
          const body = await response.text()
          const fields =
            format === 'rss'
              ? rssFields(url, body, listing)
              : format === 'atom'
                ? atomFields(body, listing)
                : jsonFields(body, listing)
          for (const field of fields) {
            if (field.got !== field.expected) {
              problems.push(`${url} ${field.where}: ${JSON.stringify(field.got)}`)
            }
          }
        }
      }
      assert.deepEqual(problems, [], problems.join('\n'))
    })
  })
}
