// The pairs of adjacent words SQLite's phrase index holds (article_search_pairs):
// the stems FTS5's own tokenizer makes (`porter unicode61 remove_diacritics 2`,
// as article_search_fts), so a phrase FTS5 matches in a column always has every
// one of its pairs there. Tokens come from a private in-memory FTS5 table, not
// from a reimplementation, with two shortcuts that give the same answer: text
// that is ASCII (save for a few marks unicode61 reads as spaces) is cut into
// words here, and each word's stem is asked of FTS5 once and remembered.
import SQLite from 'better-sqlite3'

/** A pair's two stems are joined by this, which the pairs table's tokenizer keeps inside a token. */
export const PAIR_JOINER = '_'

/**
 * Non-ASCII characters unicode61 reads as separators, common in news text:
 * no-break space, dashes, curly quotes, ellipsis, guillemets, bullet.
 * test/storage/word-pairs.test.ts checks each against FTS5.
 */
export const SEPARATORS_BEYOND_ASCII =
  '\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u00ab\u00bb\u2022'

const PLAIN_TEXT = new RegExp(`^[\\x00-\\x7f${SEPARATORS_BEYOND_ASCII}]*$`)
const ASCII_WORD = /[A-Za-z0-9]+/g

/** Stems remembered, at most (a news archive's everyday words); past it they are asked again. */
const MAX_KNOWN_STEMS = 20_000

/** FTS5's stems of a text, in order: from a private in-memory table, made when first needed. */
function createStemmer(): (text: string) => string[] {
  const scratch = new SQLite(':memory:')
  scratch.exec(`
    create virtual table temp.words using fts5(t, content = '', contentless_delete = 1,
      tokenize = 'porter unicode61 remove_diacritics 2');
    create virtual table temp.word_stems using fts5vocab(temp, words, instance)`)
  const insert = scratch.prepare('insert into temp.words (rowid, t) values (1, ?)')
  const instances = scratch.prepare('select term, offset from temp.word_stems').raw()
  const clear = scratch.prepare('delete from temp.words where rowid = 1')
  const known = new Map<string, string>()

  function tokenized(text: string): string[] {
    insert.run(text)
    const stems: string[] = []
    for (const [term, offset] of instances.all() as [string, number][]) stems[offset] = term
    clear.run()
    return stems
  }

  /** The stems of plain text: its words cut here, each stem remembered. */
  function plainStems(text: string): string[] {
    const words = Array.from(text.matchAll(ASCII_WORD), ([word]) => word.toLowerCase())
    const unknown = [...new Set(words.filter((word) => !known.has(word)))]
    if (unknown.length > 0) {
      if (known.size + unknown.length > MAX_KNOWN_STEMS) known.clear()
      const stems = tokenized(unknown.join(' '))
      unknown.forEach((word, index) => known.set(word, stems[index] ?? word))
    }
    return words.map((word) => known.get(word) ?? word)
  }

  return (text) => (PLAIN_TEXT.test(text) ? plainStems(text) : tokenized(text))
}

let stemmer: ((text: string) => string[]) | undefined

/** The stems FTS5 makes of a text, in order (one stemmer per process: the triggers' and queries'). */
export function stemsOf(text: string): string[] {
  stemmer ??= createStemmer()
  return stemmer(text)
}

/** A text's pairs of adjacent stems, each joined by PAIR_JOINER, each pair once. */
export function wordPairsOf(text: string): string[] {
  const stems = stemsOf(text)
  const pairs = new Set<string>()
  for (let i = 1; i < stems.length; i++) pairs.add(`${stems[i - 1]}${PAIR_JOINER}${stems[i]}`)
  return [...pairs]
}
