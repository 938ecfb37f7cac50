import type { RelatedCandidate } from './related.js'

/** A published article that may be related, with every tag it carries. */
export type CandidateRow = Omit<RelatedCandidate, 'terms'>

/** What an article's related coverage is computed from, and what was last kept of it. */
export interface RelatedSubjectRow {
  id: string
  headline: string
  standfirst: string
  sectionId: string
  tagIds: string[]
  threadId: string | null
  published: boolean
  /** Its kept list, null if none. */
  relatedIds: string[] | null
}

/** The indexed lookups related coverage needs; none reads every article. */
export interface RelatedStore {
  /** How many articles carry each of these tags (from the tag index alone). */
  tagFrequencies(tagIds: readonly string[]): Promise<Map<string, number>>
  /** The published articles carrying a tag most recently published or updated, at most `limit`. */
  publishedIdsWithTag(tagId: string, limit: number): Promise<string[]>
  /** The newest published articles of a section, at most `limit`. */
  publishedIdsInSection(sectionId: string, limit: number): Promise<string[]>
  /** These articles, the published ones only, with their tags. */
  candidates(ids: readonly string[]): Promise<CandidateRow[]>
  /** These articles, whatever their status. */
  subjects(ids: readonly string[]): Promise<RelatedSubjectRow[]>
  /** An article's kept list (related ids, best first); null if it has none. */
  keptList(id: string): Promise<string[] | null>
  /** Keeps each article's list (related ids, best first), replacing the one it had. */
  saveLists(lists: ReadonlyMap<string, readonly string[]>): Promise<void>
  /** Forgets these articles' lists. */
  dropLists(ids: readonly string[]): Promise<void>
  /** Published articles with no kept list, by id from just after `after`, at most `limit`. */
  withoutList(after: string, limit: number): Promise<string[]>
}
