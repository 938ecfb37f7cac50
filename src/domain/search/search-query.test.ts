import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { NASTY_QUERIES } from '../../../test/fixtures/search-queries.js'
import {
  SEARCH_LIMITS,
  formatSearchQuery,
  parseSearchQuery,
  wordKey,
  type SearchProblemCode,
  type SearchQuery,
} from './search-query.js'

function parsed(input: string): SearchQuery {
  const result = parseSearchQuery(input)
  assert.ok(result.ok, `"${input}" should parse, got ${result.ok ? '' : result.problem.code}`)
  return result.query
}

function refused(input: string): SearchProblemCode {
  const result = parseSearchQuery(input)
  assert.ok(!result.ok, `"${input}" should be refused, got ${JSON.stringify(result)}`)
  assert.ok(result.problem.message.length > 0)
  return result.problem.code
}

const word = (text: string) => ({ text, phrase: false })
const phrase = (text: string) => ({ text, phrase: true })

/** A word as the parser promises it: letters, digits and marks, with single inner joiners. */
const WORD = /^[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['.-][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*$/u

describe('parseSearchQuery', () => {
  test('bare words are all required, in lower case, without repeats', () => {
    assert.deepEqual(parsed('  Sea   WALL sea '), {
      include: [word('sea'), word('wall')],
      exclude: [],
      exact: 'sea wall sea',
    })
  })

  test('double quotes make a phrase; curly quotes too; an unclosed quote runs to the end', () => {
    assert.deepEqual(parsed('"Harbour council" approves'), {
      include: [phrase('harbour council'), word('approves')],
      exclude: [],
      exact: 'harbour council approves',
    })
    assert.deepEqual(parsed('“sea wall”').include, [phrase('sea wall')])
    assert.deepEqual(parsed('plan "sea wall').include, [word('plan'), phrase('sea wall')])
    // A one-word phrase is a word.
    assert.deepEqual(parsed('"sea"').include, [word('sea')])
  })

  test('a leading minus leaves a word or a phrase out; an inner hyphen is part of the word', () => {
    assert.deepEqual(parsed('sea wall -storm -"high tide"'), {
      include: [word('sea'), word('wall')],
      exclude: [word('storm'), phrase('high tide')],
      exact: 'sea wall',
    })
    assert.deepEqual(parsed('e-mail well-known').include, [word('e-mail'), word('well-known')])
    assert.deepEqual(parsed('sea - wall').exclude, [])
  })

  test('search syntax of either database separates words and is never passed on', () => {
    assert.deepEqual(parsed('sea* ^wall').include, [word('sea'), word('wall')])
    assert.deepEqual(parsed('headline:sea').include, [word('headline'), word('sea')])
    assert.deepEqual(parsed('NEAR(sea wall)').include, [word('sea'), word('wall')])
    assert.deepEqual(parsed('sea & wall | !storm <-> x:*').include, [
      word('sea'),
      word('wall'),
      word('storm'),
      word('x'),
    ])
    // Capitalised operators are dropped; the lower-case word is searched for.
    assert.deepEqual(parsed('sea OR wall AND near').include, [
      word('sea'),
      word('wall'),
      word('near'),
    ])
  })

  test('numbers, initials and apostrophes keep their inner punctuation', () => {
    assert.deepEqual(parsed('3.5 per cent U.S. O’Neill').include, [
      word('3.5'),
      word('per'),
      word('cent'),
      word('u.s'),
      word("o'neill"),
    ])
  })

  test('stop words are dropped from bare words, kept inside phrases', () => {
    assert.deepEqual(parsed('the council of the city').include, [word('council'), word('city')])
    assert.deepEqual(parsed('"council of the city"').include, [phrase('council of the city')])
  })

  test('a headline typed word for word has the same key as the headline', () => {
    const headline =
      'Putin, Hollande agree to coordinate — “strikes” on U.S.-led coalition’s targets'
    for (const typed of [
      "putin hollande agree to coordinate strikes on u.s.-led coalition's targets",
      `"${headline}"`,
      'Putin Hollande AND agree to coordinate strikes on U.S led coalition’s targets*',
    ]) {
      assert.equal(parsed(typed).exact, wordKey(headline), typed)
    }
    assert.notEqual(parsed('putin hollande').exact, wordKey(headline))
  })

  test('bad input is refused with a reason, never thrown', () => {
    assert.equal(refused(''), 'search_empty')
    assert.equal(refused(' \t\n '), 'search_empty')
    assert.equal(refused('x'.repeat(SEARCH_LIMITS.length + 1)), 'search_too_long')
    assert.equal(refused('sea\u0000wall'), 'search_control_characters')
    assert.equal(refused('sea\u001bwall'), 'search_control_characters')
    for (const input of ['*', '"', '""', '-', '--', '()', ':', '^', 'NEAR(', 'AND OR NOT', '🌊']) {
      assert.equal(refused(input), 'search_no_words', input)
    }
    assert.equal(refused('the'), 'search_common_words')
    assert.equal(refused('"to be or not to be"'), 'search_common_words')
    assert.equal(refused('-storm'), 'search_only_exclusions')
    assert.equal(
      refused(Array.from({ length: SEARCH_LIMITS.terms + 1 }, (_, i) => `w${i}`).join(' ')),
      'search_too_many_terms',
    )
  })

  test('at the length limit a query is still searched', () => {
    const input = `${'x'.repeat(SEARCH_LIMITS.length - 4)} sea`
    assert.equal(parsed(input).include.length, 2)
  })

  test('formatSearchQuery writes the query back in its own syntax', () => {
    assert.equal(
      formatSearchQuery(parsed('Sea  wall "Harbour Council" -storm -"high tide"')),
      'sea wall "harbour council" -storm -"high tide"',
    )
  })

  test('every nasty query parses or is refused, without throwing', () => {
    for (const input of NASTY_QUERIES) {
      const result = parseSearchQuery(input)
      if (result.ok) assert.ok(result.query.include.length > 0, input)
    }
  })

  test('property: never throws, and what it produces is only well-formed words', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc
        .array(
          fc.constantFrom(
            'sea',
            'Wall',
            '"',
            '-',
            '*',
            'NEAR(',
            'AND',
            'OR',
            'NOT',
            '(',
            ')',
            ':',
            '^',
            '&',
            '|',
            '!',
            '<->',
            ' ',
            'the',
            '\u0000',
            '\u00e9',
            '’',
            '.',
            "'",
          ),
          { maxLength: 30 },
        )
        .map((parts) => parts.join('')),
    )
    fc.assert(
      fc.property(text, (input) => {
        const result = parseSearchQuery(input)
        if (!result.ok) return
        const terms = [...result.query.include, ...result.query.exclude]
        assert.ok(result.query.include.length > 0)
        assert.ok(terms.length <= SEARCH_LIMITS.terms)
        for (const term of terms) {
          const words = term.text.split(' ')
          assert.ok(
            words.every((w) => WORD.test(w)),
            JSON.stringify(term),
          )
          assert.equal(term.text, term.text.toLowerCase())
          assert.equal(term.phrase, words.length > 1 && term.phrase)
        }
      }),
      { numRuns: 1000 },
    )
  })
})
