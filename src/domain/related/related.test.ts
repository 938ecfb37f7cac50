import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { rankRelated, tagWeight, type RelatedCandidate } from './related.js'

const subject = {
  headline: 'Mondego floods force thousands from their homes',
  standfirst: 'Relief convoys reach villages cut off by the river.',
}

function candidate(id: string, overrides: Partial<RelatedCandidate> = {}): RelatedCandidate {
  return {
    id,
    headline: 'Orchestra opens its season with a new symphony',
    standfirst: 'The conductor chose a premiere.',
    publishedAt: new Date('2026-11-01T12:00:00Z'),
    tagIds: [],
    ...overrides,
  }
}

describe('related coverage: scoring', () => {
  test('a rarer tag says more than a common one', () => {
    assert.ok(tagWeight(2) > tagWeight(50))
    assert.ok(tagWeight(50) > tagWeight(5000))
    const frequency = new Map([
      ['rare', 3],
      ['common', 4000],
    ])
    const ranked = rankRelated(
      subject,
      [candidate('common', { tagIds: ['common'] }), candidate('rare', { tagIds: ['rare'] })],
      frequency,
      5,
    )
    assert.equal(ranked[0], 'rare')
  })

  test('shared headline and standfirst words count; an unrelated story is never listed', () => {
    const ranked = rankRelated(
      subject,
      [
        candidate('unrelated'),
        candidate('words', {
          headline: 'Floods recede along the Mondego as villages count the cost',
          standfirst: '',
        }),
      ],
      new Map(),
      5,
    )
    assert.deepEqual(ranked, ['words'])
  })

  test('one shared word alone is not enough', () => {
    const ranked = rankRelated(
      subject,
      [candidate('one-word', { headline: 'Homes for sale in the capital', standfirst: '' })],
      new Map(),
      5,
    )
    assert.deepEqual(ranked, [])
  })

  test('equal scores go to the newer story, then by id', () => {
    const frequency = new Map([['floods', 10]])
    const older = candidate('b-older', {
      tagIds: ['floods'],
      publishedAt: new Date('2026-10-01T00:00:00Z'),
    })
    const newer = candidate('a-newer', {
      tagIds: ['floods'],
      publishedAt: new Date('2026-11-01T00:00:00Z'),
    })
    const twin = candidate('c-newer', {
      tagIds: ['floods'],
      publishedAt: new Date('2026-11-01T00:00:00Z'),
    })
    assert.deepEqual(rankRelated(subject, [older, newer, twin], frequency, 5), [
      'c-newer',
      'a-newer',
      'b-older',
    ])
  })

  test('at most `limit` are listed', () => {
    const frequency = new Map([['floods', 10]])
    const many = Array.from({ length: 12 }, (_, i) =>
      candidate(`id-${String(i).padStart(2, '0')}`, { tagIds: ['floods'] }),
    )
    assert.equal(rankRelated(subject, many, frequency, 5).length, 5)
  })
})

describe('related coverage: what is enough', () => {
  test('one shared tag is enough unless the tag is on about a thousand articles or more', () => {
    const shared = candidate('shared', { tagIds: ['t'] })
    assert.deepEqual(rankRelated(subject, [shared], new Map([['t', 200]]), 5), ['shared'])
    assert.deepEqual(rankRelated(subject, [shared], new Map([['t', 5000]]), 5), [])
  })
})
