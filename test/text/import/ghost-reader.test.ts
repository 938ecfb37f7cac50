// The Ghost reader over the real export (test/fixtures/ghost, made by Ghost
// 5.130 itself) and over hand-made exports of older versions and bad input.
import assert from 'node:assert/strict'
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { readGhostExport } from '../../../src/text/import/ghost/ghost-reader.js'
import {
  ImportSourceError,
  type ImportStory,
  type ImportItem,
} from '../../../src/text/import/import-item.js'

const FIXTURE = join(import.meta.dirname, '../../fixtures/ghost/export.json')

async function itemsOf(source: string | (() => AsyncIterable<string | Uint8Array>)) {
  const open =
    typeof source === 'string'
      ? () =>
          (async function* () {
            yield source
          })()
      : source
  const items: ImportItem[] = []
  for await (const item of readGhostExport(open)) items.push(item)
  return items
}

const articles = (items: ImportItem[]) =>
  items.filter((item): item is ImportStory => item.kind === 'story')

/** A Ghost 2-style export: pages as posts with page: true, meta fields on the post, one author_id. */
function ghost2(post: Record<string, unknown>, version = '2.31.0'): string {
  return JSON.stringify({
    db: [
      {
        meta: { exported_on: 1, version },
        data: {
          posts: [
            {
              id: 'p1',
              title: 'Old story',
              slug: 'old-story',
              status: 'published',
              author_id: 'u1',
              published_at: '2018-05-01 10:00:00',
              ...post,
            },
          ],
          users: [{ id: 'u1', name: 'Ana Lind', slug: 'ana' }],
          tags: [
            { id: 't1', name: 'Culture' },
            { id: 't2', name: '#hidden' },
          ],
          posts_tags: [
            { post_id: 'p1', tag_id: 't2', sort_order: 0 },
            { post_id: 'p1', tag_id: 't1', sort_order: 1 },
          ],
        },
      },
    ],
  })
}

async function refusal(source: string): Promise<ImportSourceError> {
  const error = await itemsOf(source).then(
    () => undefined,
    (caught: unknown) => caught,
  )
  assert.ok(error instanceof ImportSourceError, `expected ImportSourceError, got ${String(error)}`)
  return error
}

describe('Ghost reader', () => {
  test('the real export: posts and pages, authors in order, primary tag, feature image, excerpt, SEO fields, statuses', async () => {
    const items = await itemsOf(() => createReadStream(FIXTURE))
    const byslug = new Map(articles(items).map((a) => [a.slug, a]))
    const harbour = byslug.get('harbour-tolls-vote')
    assert.ok(harbour)
    assert.deepEqual(harbour.bylines, ['Dmitri Volkov', 'Claire Martin'])
    assert.deepEqual(harbour.sectionNames, ['Politics'])
    // The internal tag (#…) is Ghost's own, never a reader's.
    assert.deepEqual(harbour.tags, ['Politics', 'Harbour'])
    assert.match(harbour.standfirst, /^Councillors voted 31 to 29/)
    assert.equal(harbour.featuredImage?.file, '2026/12/harbour-1.jpg')
    assert.equal(harbour.featuredImage?.alt, 'Fishing boats moored in the harbour at dawn')
    assert.equal(harbour.featuredImage?.caption, 'The harbour at Leith before the vote.')
    assert.deepEqual(harbour.seo, {
      metaTitle: 'Harbour tolls rise after close vote',
      metaDescription: 'The council voted 31–29 to raise tolls.',
      socialTitle: 'Tolls up at the harbour',
      socialDescription: 'A close vote in the chamber.',
    })
    assert.equal(harbour.publishedAt?.toISOString(), '2026-11-21T09:30:00.000Z')
    assert.match(harbour.body, /^## What the leader said$/m)
    assert.match(
      harbour.body,
      /^<https:\/\/www\.youtube\.com\/embed\/dQw4w9WgXcQ\?feature=oembed>$/m,
    )
    assert.deepEqual(
      harbour.images.map((image) => [image.file, image.caption]),
      [
        ['2026/12/council-1.jpg', 'The vote in the city chamber.'],
        [null, ''],
      ],
    )
    assert.deepEqual(harbour.oldAddresses, ['/harbour-tolls-vote/'])
    assert.equal(byslug.get('budget-day')?.status, 'scheduled')
    assert.equal(byslug.get('budget-day')?.publishedAt?.toISOString(), '2027-01-15T08:00:00.000Z')
    assert.equal(byslug.get('stadium-plans')?.status, 'draft')
    assert.equal(byslug.get('about')?.type, 'page')
    assert.deepEqual(
      items.filter((item) => item.kind === 'author').map((a) => a.displayName),
      ['Claire Martin', 'Dmitri Volkov'],
    )
  })

  test('Ghost 2: page flag, meta fields on the post, author_id, dates without a zone', async () => {
    const [story] = articles(
      await itemsOf(
        ghost2({ page: true, html: '<p>Hi</p>', meta_title: 'Meta', og_description: 'Og' }),
      ),
    )
    assert.equal(story?.type, 'page')
    assert.deepEqual(story?.bylines, ['Ana Lind'])
    assert.deepEqual(story?.sectionNames, ['Culture'])
    assert.equal(story?.seo.metaTitle, 'Meta')
    assert.equal(story?.seo.socialDescription, 'Og')
    assert.equal(story?.publishedAt?.toISOString(), '2018-05-01T10:00:00.000Z')
  })

  test('without html, the mobiledoc or lexical document is read', async () => {
    const mobiledoc = JSON.stringify({
      version: '0.3.1',
      markups: [['strong']],
      cards: [
        ['markdown', { markdown: 'A *card* <script>x</script>' }],
        ['image', { src: '/content/images/2018/05/a.jpg', alt: 'A' }],
      ],
      sections: [
        [
          1,
          'p',
          [
            [0, [0], 1, 'Bold'],
            [0, [], 0, ' words'],
          ],
        ],
        [10, 0],
        [10, 1],
      ],
    })
    const [fromMobiledoc] = articles(await itemsOf(ghost2({ html: null, mobiledoc })))
    assert.match(fromMobiledoc?.body ?? '', /^\*\*Bold\*\* words\n\nA \*card\* <script>x<\/script>/)
    assert.equal(fromMobiledoc?.images[0]?.file, '2018/05/a.jpg')
    const lexical = JSON.stringify({
      root: {
        type: 'root',
        children: [
          { type: 'heading', tag: 'h3', children: [{ type: 'text', text: 'Head', format: 0 }] },
          { type: 'paragraph', children: [{ type: 'text', text: 'Em', format: 2 }] },
        ],
      },
    })
    const [fromLexical] = articles(await itemsOf(ghost2({ html: '', lexical }, '5.80.0')))
    assert.equal(fromLexical?.body, '### Head\n\n*Em*')
  })

  test('malformed JSON: the line and column; unknown versions and other documents are named', async () => {
    const broken =
      '{\n  "db": [\n    {"meta": {"version": "5.1.0"},\n     "data": {"posts": [}\n  ]\n}'
    const error = await refusal(broken)
    assert.equal(error.position?.line, 4)
    assert.equal(error.position?.column, 25)
    assert.match((await refusal(ghost2({}, '6.0.0'))).message, /version "6\.0\.0".*Ghost 2 to 5/)
    assert.match((await refusal(ghost2({}, '1.25.0'))).message, /version "1\.25\.0"/)
    assert.match((await refusal('{"posts": []}')).message, /not a Ghost export/)
    assert.match((await refusal('[]')).message, /not a Ghost export/)
  })
})
