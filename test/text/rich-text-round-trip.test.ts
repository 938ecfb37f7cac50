// The editor's promise to the stored body: Markdown → editor document →
// Markdown is the identity on the Markdown the editor writes (the canonical
// form of everything the site renders that the editor offers), and the
// document survives the trip unchanged. Documents are generated from the schema.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import type { Mark, Node } from 'prosemirror-model'
import { storySchema as schema } from '../../src/text/rich-text/schema.js'
import {
  isTightList,
  parseStoryMarkdown,
  serializeStory,
  serializeStoryAtOnce,
} from '../../src/text/rich-text/story-markdown.js'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArticleText } from '../../src/text/article-text/parse-article-text.js'
import { renderMarkdown } from '../../src/text/markdown.js'

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCÉéüß0123456789'
const PUNCTUATION = '.,;:!?\'"()-*_[]#>&<+=~`|@/\\{}%$'

/** A word: letters, with punctuation anywhere in it (the serializer's escaping at work). */
const word = fc
  .array(fc.constantFrom(...LETTERS, ...LETTERS, ...PUNCTUATION), { minLength: 1, maxLength: 8 })
  .map((chars) => chars.join(''))
/** A word that cannot start a list, a heading or a quote after a line break. */
const plainWord = fc
  .array(fc.constantFrom(...LETTERS.slice(0, 26)), { minLength: 1, maxLength: 6 })
  .map((chars) => chars.join(''))

const href = fc.constantFrom(
  'https://example.com/',
  'https://example.com/a_b?q=1&r=(2)',
  'http://news.example/2026/11/story',
  'mailto:desk@news.example',
)
const markSet = fc.record({
  strong: fc.boolean(),
  em: fc.boolean(),
  link: fc.option(href, { nil: undefined }),
})

/** Inline content: words, each with its marks, between unmarked spaces; now and then a break or a picture. */
const inlineOf = (breaks: boolean) =>
  fc
    .array(
      fc.oneof(
        { weight: 8, arbitrary: fc.tuple(word, markSet).map(([text, marks]) => ({ text, marks })) },
        {
          weight: breaks ? 1 : 0,
          arbitrary: plainWord.map((text) => ({ text, marks: 'break' as const })),
        },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.array(plainWord, { maxLength: 3 }), fc.uuid())
            .map(([alt, id]) => ({ text: alt.join(' '), marks: 'image' as const, id })),
        },
      ),
      { minLength: 1, maxLength: 10 },
    )
    .map((parts) => {
      const nodes: Node[] = []
      parts.forEach((part, index) => {
        if (part.marks === 'break') {
          if (index > 0) nodes.push(schema.nodes.hard_break.create())
          nodes.push(schema.text(part.text))
          return
        }
        if (index > 0) nodes.push(schema.text(' '))
        if (part.marks === 'image') {
          nodes.push(schema.nodes.image.create({ src: `media:${part.id}`, alt: part.text }))
          return
        }
        const marks: Mark[] = []
        if (part.marks.strong) marks.push(schema.marks.strong.create())
        if (part.marks.em) marks.push(schema.marks.em.create())
        if (part.marks.link) marks.push(schema.marks.link.create({ href: part.marks.link }))
        nodes.push(schema.text(part.text, marks))
      })
      return nodes
    })

const paragraph = inlineOf(true).map((content) => schema.nodes.paragraph.create(null, content))
const heading = fc
  .tuple(fc.constantFrom(2, 3), inlineOf(false))
  .map(([level, content]) => schema.nodes.heading.create({ level }, content))
const rule = fc.constant(schema.nodes.horizontal_rule.create())

/**
 * A list as Markdown reads it back: loose when any item holds more than a
 * paragraph; one item of one paragraph reads as tight, whatever was meant.
 */
const list = (node: Node): Node => {
  const single = node.childCount === 1 && node.child(0).childCount === 1
  return node.type.create({ ...node.attrs, tight: isTightList(node) || single }, node.content)
}

const { block } = fc.letrec<{ block: Node; item: Node }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: paragraph },
    { weight: 2, arbitrary: heading },
    { weight: 1, arbitrary: rule },
    {
      weight: 1,
      arbitrary: fc
        .array(tie('block'), { minLength: 1, maxLength: 3 })
        .map((content) => schema.nodes.blockquote.create(null, content)),
    },
    {
      weight: 1,
      arbitrary: fc
        .array(paragraph, { minLength: 1, maxLength: 2 })
        .map((content) => schema.nodes.pull_quote.create(null, content)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.boolean(), fc.array(tie('item'), { minLength: 1, maxLength: 4 }))
        .map(([tight, items]) => list(schema.nodes.bullet_list.create({ tight }, items))),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.integer({ min: 1, max: 12 }),
          fc.boolean(),
          fc.array(tie('item'), { minLength: 1, maxLength: 4 }),
        )
        .map(([order, tight, items]) =>
          list(schema.nodes.ordered_list.create({ order, tight }, items)),
        ),
    },
  ),
  item: fc
    .tuple(paragraph, fc.array(tie('block'), { maxLength: 1 }))
    .map(([first, rest]) => schema.nodes.list_item.create(null, [first, ...rest])),
}))

const documents = fc
  .array(block, { minLength: 1, maxLength: 6 })
  .map((content) => schema.nodes.doc.create(null, content))

describe('the editor round-trips the body', () => {
  test('Markdown → document → Markdown is the identity on the Markdown the editor writes', () => {
    fc.assert(
      fc.property(documents, (doc) => {
        const markdown = serializeStory(doc)
        assert.equal(markdown, serializeStoryAtOnce(doc))
        const parsed = parseStoryMarkdown(markdown)
        assert.ok(parsed.ok, `unsupported: ${parsed.ok ? '' : parsed.unsupported.join(', ')}`)
        assert.ok(doc.check() === undefined)
        assert.equal(serializeStory(parsed.doc), markdown)
        assert.ok(parsed.doc.eq(doc), `the document changed:\n${markdown}`)
      }),
      { numRuns: 400 },
    )
  })

  test('a heading that ends in #s keeps them: they are not read back as its closing sequence', () => {
    for (const text of ['#', '##', 'Issue #', 'C#', 'Tag #news #']) {
      const doc = schema.nodes.doc.create(null, [
        schema.nodes.heading.create({ level: 2 }, schema.text(text)),
        schema.nodes.paragraph.create(null, schema.text('a')),
      ])
      const markdown = serializeStory(doc)
      const parsed = parseStoryMarkdown(markdown)
      assert.ok(parsed.ok)
      assert.ok(parsed.doc.eq(doc), `${JSON.stringify(text)} came back changed from ${markdown}`)
      assert.equal(serializeStory(parsed.doc), markdown)
    }
  })
})

/** Every demo story's body, as the importer reads it. */
function demoBodies(): string[] {
  const root = new URL('../../demo/articles/', import.meta.url).pathname
  return readdirSync(root, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => parseArticleText(readFileSync(join(root, name), 'utf8')))
    .flatMap((result) => (result.ok ? [result.article.body] : []))
}

describe('writing back as the writer types', () => {
  test('the Markdown of an edited document is what one pass writes, with unchanged blocks kept', () => {
    fc.assert(
      fc.property(documents, fc.nat(), plainWord, fc.boolean(), (doc, at, typed, asList) => {
        assert.equal(serializeStory(doc), serializeStoryAtOnce(doc))
        // A block added among the same nodes: a list may swap the markers of those after it.
        const added = schema.nodes.paragraph.create(null, schema.text(typed))
        const block = asList
          ? schema.nodes.bullet_list.create(null, schema.nodes.list_item.create(null, added))
          : added
        const children = [...doc.content.content]
        children.splice(at % (children.length + 1), 0, block)
        const edited = schema.nodes.doc.create(null, children)
        assert.equal(serializeStory(edited), serializeStoryAtOnce(edited))
      }),
      { numRuns: 300 },
    )
  })
})

describe('stories written before the editor', () => {
  test('every demo body opens in the editor and renders the same after it writes it back', () => {
    const bodies = demoBodies()
    assert.ok(bodies.length >= 6)
    for (const body of bodies) {
      const parsed = parseStoryMarkdown(body)
      assert.ok(parsed.ok)
      const written = serializeStory(parsed.doc)
      assert.equal(renderMarkdown(written), renderMarkdown(body))
      const again = parseStoryMarkdown(written)
      assert.ok(again.ok)
      assert.equal(serializeStory(again.doc), written)
    }
  })

  test('Markdown the editor cannot hold is named, not dropped', () => {
    const parsed = parseStoryMarkdown(
      '| a | b |\n|---|---|\n| 1 | 2 |\n\nSome `code` and ~~gone~~.',
    )
    assert.deepEqual(parsed, {
      ok: false,
      unsupported: ['a table', 'inline code', 'struck-through text'],
    })
  })
})

describe('lists side by side', () => {
  const item = (text: string) =>
    schema.nodes.list_item.create(null, schema.nodes.paragraph.create(null, schema.text(text)))
  const bullets = (...texts: string[]) => schema.nodes.bullet_list.create(null, texts.map(item))
  const numbered = (...texts: string[]) => schema.nodes.ordered_list.create(null, texts.map(item))

  test('lists of one kind side by side stay apart, each taking the other marker', () => {
    const doc = schema.nodes.doc.create(null, [
      bullets('a', 'b'),
      bullets('c'),
      bullets('d'),
      numbered('one'),
      numbered('two', 'three'),
    ])
    const markdown = serializeStory(doc)
    assert.match(markdown, /^- a\n- b\n+\* c\n+- d\n+1\. one\n+1\) two\n2\) three$/)
    const parsed = parseStoryMarkdown(markdown)
    assert.ok(parsed.ok)
    assert.equal(parsed.doc.childCount, 5)
    assert.ok(parsed.doc.eq(doc))
    assert.equal(serializeStory(parsed.doc), markdown)
    // And the site shows them apart too: five lists.
    assert.equal(renderMarkdown(markdown).match(/<[uo]l[ >]/g)?.length, 5)
  })

  test('a list followed by a list inside a list item or a quotation stays apart too', () => {
    const doc = schema.nodes.doc.create(null, [
      schema.nodes.blockquote.create(null, [bullets('a'), bullets('b')]),
      schema.nodes.bullet_list.create({ tight: false }, [
        schema.nodes.list_item.create(null, [
          schema.nodes.paragraph.create(null, schema.text('outer')),
          numbered('x'),
          numbered('y'),
        ]),
      ]),
    ])
    const parsed = parseStoryMarkdown(serializeStory(doc))
    assert.ok(parsed.ok)
    assert.ok(parsed.doc.eq(doc), serializeStory(doc))
  })
})
