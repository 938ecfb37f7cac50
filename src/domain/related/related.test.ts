import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { keyOf, rankRelated, scoringKeys, tagWeight, type RelatedCandidate } from './related.js'

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

describe('related coverage: scoring keys', () => {
  test('each word and tag is one number, the same for the same text, and sorted once each', () => {
    assert.equal(keyOf('flood'), keyOf('flood'))
    assert.notEqual(keyOf('flood'), keyOf('floods'))
    assert.ok(Number.isSafeInteger(keyOf('a word of some length, with ø and 漢字')))
    const keys = scoringKeys({
      headline: 'Floods floods flooding',
      standfirst: 'Relief for the flooded valley',
      tagIds: ['t2', 't1', 't2'],
    })
    assert.equal(keys.tags.length, 2)
    assert.deepEqual(
      [...keys.tags],
      [...keys.tags].sort((a, b) => a - b),
    )
    assert.deepEqual(
      [...keys.terms],
      [...new Set(keys.terms)].sort((a, b) => a - b),
    )
  })

  test('keys made ahead score as the candidate itself does', () => {
    const frequency = new Map([
      ['floods', 10],
      ['mondego', 40],
    ])
    const stories = [
      candidate('tags', { tagIds: ['mondego', 'floods', 'other'] }),
      candidate('words', {
        headline: 'Mondego floods reach the homes of thousands',
        standfirst: '',
      }),
      candidate('none'),
    ]
    const ranked = rankRelated(subject, stories, frequency, 5)
    assert.deepEqual(ranked, ['words', 'tags'])
    const withKeys = stories.map((story) => ({ ...story, keys: scoringKeys(story) }))
    assert.deepEqual(rankRelated(subject, withKeys, frequency, 5), ranked)
  })

  test('the words and tags shared are counted, however the two lists interleave', () => {
    const frequency = new Map([['a', 10]])
    // Two shared tags weigh more than one; three shared words more than two.
    const one = candidate('one', { tagIds: ['a', 'x', 'y', 'z'] })
    const two = candidate('two', { tagIds: ['b', 'a'] })
    assert.deepEqual(rankRelated(subject, [one, two], new Map([...frequency, ['b', 10]]), 5), [
      'two',
      'one',
    ])
    const threeWords = candidate('three', {
      headline: 'Thousands leave homes as floods rise',
      standfirst: '',
    })
    const twoWords = candidate('two-words', { headline: 'Thousands of new homes', standfirst: '' })
    assert.deepEqual(rankRelated(subject, [twoWords, threeWords], new Map(), 5), [
      'three',
      'two-words',
    ])
  })
})
