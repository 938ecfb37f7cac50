import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { ArticleSummary } from '../../src/domain/articles/article.js'
import { createFragmentCache } from '../../src/web/ui/fragments.js'
import { ownShare } from '../../src/domain/memory-budget.js'
import { useSite, type SiteInfo } from '../../src/web/ui/site.js'

const site = {
  name: 'The Quay',
  timeZone: 'Europe/London',
  language: 'en-GB',
  media: { page: '/media', absolute: 'https://news.example/media' },
} as SiteInfo

const summary = (headline: string): ArticleSummary => ({
  id: '0190a000-0000-7000-8000-000000000001',
  slug: 'harbour',
  headline,
  standfirst: '',
  dateline: '',
  brief: 'A line.',
  section: { slug: 'news', name: 'News' },
  bylines: [{ slug: 'ada-brekke', name: 'Ada Brekke' }],
  publishedAt: new Date('2026-06-01T12:00:00Z'),
  updatedAt: new Date('2026-06-01T12:00:00Z'),
  leadImage: null,
})

function Headline({ story }: { story: ArticleSummary }) {
  const { timeZone } = useSite()
  return (
    <h3 data-zone={timeZone}>
      {story.headline} & <em>co</em>
    </h3>
  )
}

describe('createFragmentCache', () => {
  test('a card is rendered once per content, escaped, and again when anything it shows changes', () => {
    const fragments = createFragmentCache(site)
    let renders = 0
    const card = (story: ArticleSummary, variant = 'card') =>
      fragments.html(story, variant, () => {
        renders++
        return <Headline story={story} />
      })
    const story = summary('Sea <wall> breached')
    assert.equal(
      card(story),
      '<h3 data-zone="Europe/London">Sea &lt;wall> breached &amp; <em>co</em></h3>',
    )
    card(story)
    card({ ...story }, 'card')
    assert.equal(
      renders,
      1,
      'the same story, as the same object or read again, is not rendered again',
    )
    card(story, 'lead')
    assert.equal(renders, 2, 'another variant is another fragment')
    assert.match(card({ ...story, headline: 'Sea wall holds' }), /Sea wall holds/)
    assert.match(card({ ...story, section: { slug: 'news', name: 'Local' } }), /Sea &lt;wall>/)
    assert.equal(renders, 4, 'a new headline or a renamed section makes a new card')
  })

  test('holds at most its share of the memory budget, cards and pages alike', () => {
    const share = ownShare('fragments', 8_000)
    const fragments = createFragmentCache(site, share)
    for (let index = 0; index < 40; index++) {
      fragments.html(summary(`Story ${index}`), 'card', () => <p>{index}</p>)
      // Rendered twice: a page's HTML is kept from its second rendering.
      const source = {}
      for (let render = 0; render < 2; render++) {
        fragments.of(source, () => `<main>${'page '.repeat(200)}</main>`)
        assert.ok(share.used <= share.limit, `${share.used} bytes of ${share.limit}`)
      }
    }
    assert.ok(fragments.size > 1 && fragments.size < 80, `${fragments.size} kept`)
  })

  test('kept content is kept from its second rendering, per object and per site settings, as UTF-8', () => {
    const fragments = createFragmentCache(site)
    let renders = 0
    const source = {}
    const render = () => `<p>Café ${++renders}</p>`
    const text = (pieces: readonly Buffer[]) => pieces.map((piece) => piece.toString('utf8'))
    assert.deepEqual(text(fragments.of(source, render)), ['<p>Café 1</p>'])
    assert.equal(fragments.size, 0, 'rendered once: not kept, most pages never are again')
    const second = fragments.of(source, render)
    assert.deepEqual(text(second), ['<p>Café 2</p>'])
    assert.equal(fragments.of(source, render), second, 'rendered twice: kept')
    assert.equal(renders, 2)
    assert.deepEqual(text(fragments.of({}, render)), ['<p>Café 3</p>'], 'a new object: it changed')
  })

  test('kept content is cut where its hole stands, each piece with memory of its own', () => {
    const fragments = createFragmentCache(site)
    const pieces = fragments.of({}, () => '<form><input value="HOLE"><p>HOLE</p></form>', 'HOLE')
    assert.deepEqual(
      pieces.map((piece) => piece.toString('utf8')),
      ['<form><input value="', '"><p>', '</p></form>'],
    )
    // Not a view of Node's shared 8 KB pool: a kept piece holds only its own bytes.
    for (const piece of pieces) assert.equal(piece.buffer.byteLength, piece.length)
  })
})
