import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { ArticleSummary } from '../articles/article.js'
import { ValidationError } from '../errors.js'
import {
  assertBannerText,
  blocksInOrder,
  fillFront,
  FRONT_PAGE_LIMITS,
  FRONT_PAGE_SHAPE,
  hoursOf,
  isLive,
  MAX_PLACED,
} from './front-page.js'

const story = (id: string): ArticleSummary => ({
  id,
  slug: id,
  headline: id,
  standfirst: '',
  dateline: '',
  brief: '',
  section: { slug: 'news', name: 'News' },
  bylines: [],
  publishedAt: new Date('2026-12-01T12:00:00Z'),
  updatedAt: new Date('2026-12-01T12:00:00Z'),
  leadImage: null,
})
const newest = Array.from({ length: 20 }, (_, index) => story(`n${index}`))

describe('fillFront', () => {
  test('untended, the newest leads, then the top stories and the briefs, in order', () => {
    const { lead, top, briefs } = fillFront([], newest)
    assert.equal(lead?.id, 'n0')
    assert.deepEqual(
      top.map((s) => s.id),
      ['n1', 'n2', 'n3', 'n4'],
    )
    assert.equal(briefs.length, FRONT_PAGE_SHAPE.briefs)
    assert.equal(briefs[0]?.id, 'n5')
  })

  test('arranged stories come first; the rest fill by recency, never twice', () => {
    const { lead, top, briefs } = fillFront([story('n7'), story('old')], newest)
    assert.equal(lead?.id, 'n7')
    assert.deepEqual(
      top.map((s) => s.id),
      ['old', 'n0', 'n1', 'n2'],
    )
    const all = [lead?.id, ...top.map((s) => s.id), ...briefs.map((s) => s.id)]
    assert.equal(new Set(all).size, all.length)
    assert.ok(!briefs.some((s) => s.id === 'n7'))
  })

  test('more arranged stories than places: only the first MAX_PLACED show', () => {
    const arranged = Array.from({ length: MAX_PLACED + 2 }, (_, index) => story(`a${index}`))
    const { top } = fillFront(arranged, newest)
    assert.equal(top.length, MAX_PLACED - 1)
    assert.equal(top.at(-1)?.id, `a${MAX_PLACED - 1}`)
  })

  test('an empty site has no lead', () => {
    assert.equal(fillFront([], []).lead, undefined)
  })
})

describe('blocksInOrder', () => {
  const sections = ['news', 'politics', 'sport'].map((slug, position) => ({
    id: `id-${slug}`,
    slug,
    name: slug,
    position,
  }))
  test('arranged blocks by their position, hidden kept; a section added since comes last, shown', () => {
    const blocks = blocksInOrder(sections, [
      { sectionId: 'id-sport', position: 0, shown: false },
      { sectionId: 'id-news', position: 1, shown: true },
    ])
    assert.deepEqual(
      blocks.map((b) => [b.slug, b.shown]),
      [
        ['sport', false],
        ['news', true],
        ['politics', true],
      ],
    )
  })
})

describe('limits', () => {
  test('hours: whole numbers from 1 to a week', () => {
    assert.equal(hoursOf('3', 'hours'), 3)
    assert.equal(hoursOf(String(FRONT_PAGE_LIMITS.hours), 'hours'), FRONT_PAGE_LIMITS.hours)
    for (const bad of ['', '0', '-1', '1.5', 'soon', '169', '1e2']) {
      assert.throws(() => hoursOf(bad, 'hours'), ValidationError, bad)
    }
  })

  test('a banner is one line of 1 to 160 characters', () => {
    assertBannerText('Storm warning')
    for (const bad of ['', 'x'.repeat(FRONT_PAGE_LIMITS.bannerText + 1), 'two\nlines']) {
      assert.throws(() => assertBannerText(bad), ValidationError)
    }
  })

  test('a pin is live until its time, not at it', () => {
    const until = new Date('2026-12-05T10:00:00Z')
    const placement = { articleId: 'a', position: 0, pinnedUntil: until, placedAt: until }
    assert.equal(isLive(placement, new Date(until.getTime() - 1)), true)
    assert.equal(isLive(placement, until), false)
    assert.equal(isLive({ ...placement, pinnedUntil: null }, until), true)
  })
})
