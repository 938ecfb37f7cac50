import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import {
  MATCH_END,
  MATCH_START,
  searchableText,
  snippetParts,
  withEllipses,
} from '../../src/text/search-snippet.js'

const S = MATCH_START
const E = MATCH_END

describe('search snippets', () => {
  test('marked text becomes parts, highlighted where the database marked a match', () => {
    assert.deepEqual(snippetParts(`The ${S}harbour${E} council`), [
      { text: 'The ', highlighted: false },
      { text: 'harbour', highlighted: true },
      { text: ' council', highlighted: false },
    ])
  })

  test('matches separated only by spaces are one part (PostgreSQL marks each word alone)', () => {
    assert.deepEqual(snippetParts(`a ${S}sea${E} ${S}wall${E}, ${S}plan${E}`), [
      { text: 'a ', highlighted: false },
      { text: 'sea wall', highlighted: true },
      { text: ', ', highlighted: false },
      { text: 'plan', highlighted: true },
    ])
  })

  test('stray and unbalanced markers are dropped, never shown', () => {
    assert.deepEqual(snippetParts(`${E}a ${S}${S}b${E}${E} c ${S}d`), [
      { text: 'a ', highlighted: false },
      { text: 'b', highlighted: true },
      { text: ' c ', highlighted: false },
      { text: 'd', highlighted: true },
    ])
    assert.deepEqual(snippetParts(''), [])
  })

  test('markup in the text stays text: parts are data, not HTML', () => {
    const parts = snippetParts(`<b>${S}<script>${E}</b>`)
    assert.deepEqual(parts, [
      { text: '<b>', highlighted: false },
      { text: '<script>', highlighted: true },
      { text: '</b>', highlighted: false },
    ])
  })

  test('indexed text holds no markers or other control characters', () => {
    assert.equal(searchableText(`a${S}b${E}\u0000c\n\n d\t`), 'a b c d')
  })

  test('ellipses mark a passage cut from the middle of its text', () => {
    const parts = snippetParts(`the ${S}wall${E} would`)
    assert.deepEqual(
      withEllipses(parts, { starts: false, ends: false }).map((p) => p.text),
      ['…the ', 'wall', ' would…'],
    )
    assert.deepEqual(withEllipses(parts, { starts: true, ends: true }), parts)
  })

  test('property: the parts spell the text without its markers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(S, E, ' ')), {
          maxLength: 30,
        }),
        (pieces) => {
          const marked = pieces.join('')
          const parts = snippetParts(marked)
          assert.equal(
            parts.map((p) => p.text).join(''),
            marked.replaceAll(S, '').replaceAll(E, ''),
          )
          for (const part of parts) assert.ok(part.text.length > 0)
        },
      ),
      { numRuns: 500 },
    )
  })
})
