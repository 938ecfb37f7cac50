// What a reader types into the search box, turned into a structured query that
// storage renders for each database. Nothing the reader types reaches FTS5
// MATCH or to_tsquery as syntax: a query is only words, and storage quotes them.
import { hasControlBesideSpaces } from '../../text/control-characters.js'
import { isStopWord } from './stop-words.js'

/** Words (or a quoted phrase) that a result must, or must not, contain. */
export interface SearchTerm {
  /**
   * Lower-case words separated by single spaces. A word is letters, digits and
   * combining marks, with single inner joiners (`e-mail`, `3.5`, `u.s`, `o'neill`).
   */
  text: string
  /** Typed in double quotes: its words must appear together, in this order. */
  phrase: boolean
}

/** A parsed search: every `include` term, none of the `exclude` terms. */
export interface SearchQuery {
  include: readonly SearchTerm[]
  exclude: readonly SearchTerm[]
  /**
   * Every word the reader asked for, stop words too, in the order typed, as
   * wordKey() writes them: a headline whose key is exactly this is the best
   * match there is, and comes first.
   */
  exact: string
}

export const SEARCH_LIMITS = {
  /** Characters, after trimming. */
  length: 200,
  /** Terms and phrases, included and excluded together. */
  terms: 32,
} as const

export type SearchProblemCode =
  | 'search_empty'
  | 'search_too_long'
  | 'search_control_characters'
  | 'search_no_words'
  | 'search_common_words'
  | 'search_only_exclusions'
  | 'search_too_many_terms'

export interface SearchProblem {
  code: SearchProblemCode
  message: string
}

export type ParsedSearch = { ok: true; query: SearchQuery } | { ok: false; problem: SearchProblem }

const PROBLEMS: Record<SearchProblemCode, string> = {
  search_empty: 'Type a word or two to search for.',
  search_too_long: `That search is too long: use at most ${SEARCH_LIMITS.length} characters.`,
  search_control_characters:
    'That search contains invisible control characters. Type the words you are looking for.',
  search_no_words:
    'That search has no words in it. Type the words you are looking for; put a phrase in "double quotes".',
  search_common_words:
    'Those words are too common to search for. Add a more specific word, or put a phrase in "double quotes".',
  search_only_exclusions:
    'Add a word to search for: a word after a minus sign (-word) only leaves results out.',
  search_too_many_terms: `That search has too many words: use at most ${SEARCH_LIMITS.terms}.`,
}

const problem = (code: SearchProblemCode): ParsedSearch => ({
  ok: false,
  problem: { code, message: PROBLEMS[code] },
})

const QUOTES = /["“”„‟＂]/g
/** A word: letters, digits, marks, with single inner joiners. Everything else separates words. */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’.\-‐][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*/gu
/** FTS5's operators, typed in capitals, mean nothing here: readers type them expecting syntax. */
const OPERATOR_WORDS = new Set(['AND', 'OR', 'NOT', 'NEAR'])

/** The words of some text, as typed. */
function typedWords(text: string): string[] {
  return Array.from(text.matchAll(WORD), (match) => match[0])
}

/** One spelling per word: lower case, plain apostrophe and hyphen. */
function normaliseWord(word: string): string {
  return word.replace(/’/g, "'").replace(/‐/g, '-').toLowerCase()
}

/**
 * Text reduced to its words, normalised and space-separated: "Putin, Hollande
 * agree to coordinate …" → "putin hollande agree to coordinate". The search
 * index keeps this of every headline, to recognise a headline typed word for word.
 */
export function wordKey(text: string): string {
  return typedWords(text).map(normaliseWord).join(' ')
}

/** Whether every word of a term is a stop word: PostgreSQL ignores those, so SQLite must too. */
function onlyStopWords(words: readonly string[]): boolean {
  return words.every((word) => word.split(/[-.']/).every(isStopWord))
}

/**
 * Parses what a reader typed. Words are ANDed; "double quotes" make a phrase;
 * a leading minus (`-word`, `-"a phrase"`) leaves results out. An unclosed
 * quote runs to the end. Everything else (FTS5 or tsquery syntax, `*`, `^`,
 * `:`, brackets, capitalised AND/OR/NOT/NEAR) separates words and is never
 * passed on. Never throws: bad input is a problem with a message.
 */
export function parseSearchQuery(input: string): ParsedSearch {
  const text = input.trim()
  if (text === '') return problem('search_empty')
  if (text.length > SEARCH_LIMITS.length) return problem('search_too_long')
  if (hasControlBesideSpaces(text)) return problem('search_control_characters')

  const include: SearchTerm[] = []
  const exclude: SearchTerm[] = []
  const exact: string[] = []
  let droppedCommon = false
  const add = (words: string[], phrase: boolean, excluded: boolean) => {
    if (words.length === 0) return
    if (onlyStopWords(words)) {
      droppedCommon = true
      return
    }
    const term = { text: words.join(' '), phrase: phrase && words.length > 1 }
    const list = excluded ? exclude : include
    if (!list.some((other) => other.text === term.text && other.phrase === term.phrase)) {
      list.push(term)
    }
  }

  // Chunks: "a quoted phrase" (closed or running to the end), or a run without spaces or quotes.
  const source = text.replace(QUOTES, '"')
  const chunk = /(-*)"([^"]*)"?|[^\s"]+/g
  for (const match of source.matchAll(chunk)) {
    const [whole, dashes, quoted] = match
    if (quoted !== undefined) {
      const words = typedWords(quoted).map(normaliseWord)
      const excluded = (dashes ?? '') !== ''
      if (!excluded) exact.push(...words)
      add(words, true, excluded)
      continue
    }
    const excluded = /^[-+]*-[-+]*(?=[\p{L}\p{N}])/u.test(whole)
    for (const word of typedWords(whole)) {
      // Capitalised operators are dropped; in lower case the same word is searched for.
      if (OPERATOR_WORDS.has(word)) continue
      if (!excluded) exact.push(normaliseWord(word))
      add([normaliseWord(word)], false, excluded)
    }
  }

  if (include.length + exclude.length > SEARCH_LIMITS.terms) return problem('search_too_many_terms')
  if (include.length === 0) {
    if (exclude.length > 0) return problem('search_only_exclusions')
    return problem(droppedCommon ? 'search_common_words' : 'search_no_words')
  }
  return { ok: true, query: { include, exclude, exact: exact.join(' ') } }
}

/** The query written back in the syntax it was parsed from: `sea wall "harbour council" -storm`. */
export function formatSearchQuery(query: SearchQuery): string {
  const show = (term: SearchTerm) => (term.phrase ? `"${term.text}"` : term.text)
  return [...query.include.map(show), ...query.exclude.map((term) => `-${show(term)}`)].join(' ')
}
