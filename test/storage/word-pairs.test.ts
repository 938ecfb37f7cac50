// SQLite's phrase index is made of the stems FTS5's own tokenizer gives
// (storage/sqlite-word-pairs.ts): plain text is cut into words in JavaScript
// and each word's stem asked of FTS5 once, and that must give exactly what
// FTS5 gives for the whole text, whatever the text.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import SQLite from 'better-sqlite3'
import fc from 'fast-check'
import {
  PAIR_JOINER,
  SEPARATORS_BEYOND_ASCII,
  stemsOf,
  wordPairsOf,
} from '../../src/storage/sqlite-word-pairs.js'

/** FTS5's stems of a text, read from a table of its own with article_search_fts's tokenizer. */
function ftsStems(text: string): string[] {
  const db = new SQLite(':memory:')
  try {
    db.exec(`create virtual table t using fts5(x, tokenize = 'porter unicode61 remove_diacritics 2');
      create virtual table v using fts5vocab(t, instance)`)
    db.prepare('insert into t (x) values (?)').run(text)
    const stems: string[] = []
    for (const row of db.prepare('select term, offset from v').all() as {
      term: string
      offset: number
    }[]) {
      stems[row.offset] = row.term
    }
    return stems
  } finally {
    db.close()
  }
}

test('each mark counted as a space beyond ASCII is one for FTS5', () => {
  for (const mark of SEPARATORS_BEYOND_ASCII) {
    assert.deepEqual(
      ftsStems(`harbour${mark}walls`),
      ['harbour', 'wall'],
      `U+${mark.codePointAt(0)}`,
    )
  }
})

test('stems and pairs as FTS5 makes them: stemmed, folded, in order, each pair once', () => {
  assert.deepEqual(stemsOf('The sea-wall défences were RACED'), [
    'the',
    'sea',
    'wall',
    'defenc',
    'were',
    'race',
  ])
  assert.deepEqual(wordPairsOf('sea wall, sea wall'), [
    `sea${PAIR_JOINER}wall`,
    `wall${PAIR_JOINER}sea`,
  ])
  assert.deepEqual(wordPairsOf('one'), [])
  assert.deepEqual(wordPairsOf(''), [])
})

test('property: any text gives the stems FTS5 gives it', () => {
  const piece = fc.oneof(
    fc.constantFrom('harbour', 'Walls', 'storms', 'raced', 'happiness', 'x1', '2026', 'a'),
    fc.constantFrom(' ', ', ', '-', "'", '_', '"', '\n', '.', '(', '/'),
    fc.constantFrom(...SEPARATORS_BEYOND_ASCII),
    fc.constantFrom('café', 'Ærø', 'straße', 'город', 'ﬁne', 'naïve', '東京', '😀'),
    fc.string({ unit: 'grapheme', maxLength: 3 }),
  )
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
      const text = pieces.join('')
      assert.deepEqual(stemsOf(text), ftsStems(text))
    }),
    { numRuns: 300 },
  )
})
