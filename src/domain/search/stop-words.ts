// PostgreSQL's 'english' configuration drops these words from documents and
// queries (the Snowball list, share/tsearch_data/english.stop); SQLite's porter
// tokenizer keeps them. The query parser drops them from both, so that a search
// means the same on either database.
const STOP_WORDS = new Set(
  'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its itself they them their theirs themselves what which who whom this that these those am is are was were be been being have has had having do does did doing a an the and but if or because as until while of at by for with about against between into through during before after above below to from up down in out on off over under again further then once here there when where why how all any both each few more most other some such no nor not only own same so than too very s t can will just don should now'.split(
    ' ',
  ),
)

/** Whether PostgreSQL's English configuration ignores this (lower-case) word. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word)
}
