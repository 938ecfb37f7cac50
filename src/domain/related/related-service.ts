import type { Article, ArticleSummary } from '../articles/article.js'
import type { ContentChange } from '../changes.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { rankRelated, scoringKeys, type RelatedCandidate } from './related.js'
import type { CandidateRow } from './related-store.js'
import { sharedLookups } from './shared-lookups.js'
import type { MemoryShare } from '../memory-budget.js'

/** Related links an article page shows, at most. */
export const RELATED_LIMIT = 5
/** Tags whose articles are gathered as candidates: the rarest, which say the most. */
const CANDIDATE_TAGS = 5
/**
 * Articles gathered per tag (the latest published or updated), and from the article's own
 * section (the newest, for shared words).
 */
const PER_TAG = 25
const FROM_SECTION = 20

export type RelatedService = ReturnType<typeof createRelatedService>

/** Each asked id's row, undefined for one not found: kept lookups remember that too. */
function everyAsked<T extends { id: string }>(
  asked: readonly string[],
  rows: readonly T[],
): Map<string, T | undefined> {
  const found = new Map(rows.map((row) => [row.id, row]))
  return new Map(asked.map((id) => [id, found.get(id)]))
}

/** A candidate as kept: its keys made once, however many articles it is scored for. */
type Known = CandidateRow & Pick<Required<RelatedCandidate>, 'keys'>

/**
 * Related coverage: other published stories that share this one's tags (the
 * rarer the tag, the more it counts) and the significant words of its
 * headline and standfirst. Candidates come from indexed lookups (articles by
 * tag, newest of the section), never a scan of every article; they are then
 * scored here (domain/related/related.ts).
 *
 * What many articles share (a tag's newest and how common it is, a section's
 * newest, a candidate's words and tags) is kept until the site changes, so
 * an article read for the first time is related from memory: the archive's
 * long tail is mostly such reads.
 */
export function createRelatedService({
  stores,
  memory,
}: {
  stores: UnitOfWork
  /** The lookups' share of the memory budget. */
  memory?: MemoryShare
}) {
  const kept = sharedLookups(memory)

  const frequencies = (tagIds: readonly string[]): Promise<Map<string, number>> =>
    kept.many('frequency', tagIds, async (missing) => {
      const found = await stores.related.tagFrequencies(missing)
      return new Map(missing.map((id) => [id, found.get(id) ?? 0]))
    })

  return {
    /**
     * Up to `limit` stories related to a published article, best first;
     * never the article itself, nor another article of its story thread
     * (its thread box shows those).
     */
    async forArticle(
      article: Pick<Article, 'id' | 'headline' | 'standfirst' | 'sectionId' | 'tags' | 'threadId'>,
      limit = RELATED_LIMIT,
    ): Promise<ArticleSummary[]> {
      const tagIds = article.tags.map((tag) => tag.id)
      const frequency = await frequencies(tagIds)
      const rarest = [...tagIds]
        .sort((a, b) => (frequency.get(a) ?? 0) - (frequency.get(b) ?? 0))
        .slice(0, CANDIDATE_TAGS)
      const [threadIds, fromSection, ...fromTags] = await Promise.all([
        article.threadId === null
          ? Promise.resolve([])
          : stores.threads.articleIds(article.threadId),
        kept.one(`section ${article.sectionId}`, () =>
          stores.related.publishedIdsInSection(article.sectionId, FROM_SECTION),
        ),
        ...rarest.map((tagId) =>
          kept.one(`tag ${tagId}`, () => stores.related.publishedIdsWithTag(tagId, PER_TAG)),
        ),
      ])
      const excluded = new Set([article.id, ...threadIds])
      const ids = [...new Set([...fromTags.flat(), ...fromSection])].filter(
        (id) => !excluded.has(id),
      )
      if (ids.length === 0) return []
      // One no longer published is remembered as such until the site changes.
      const rows = await kept.many<Known | undefined>('candidate', ids, async (missing) =>
        everyAsked(
          missing,
          (await stores.related.candidates(missing)).map((row) => ({
            ...row,
            keys: scoringKeys(row),
          })),
        ),
      )
      // Scored as kept, not copied: a first render scores some hundred of them.
      const candidates = [...rows.values()].filter((row) => row !== undefined)
      const best = rankRelated(article, candidates, frequency, limit)
      const summaries = await kept.many<ArticleSummary | undefined>(
        'summary',
        best,
        async (missing) => everyAsked(missing, await stores.articles.publishedSummaries(missing)),
      )
      return best.flatMap((id) => summaries.get(id) ?? [])
    },

    /**
     * Anything on the site may change what is related to what: kept lookups
     * go, except, when one article changed, what is known of the others (as
     * candidates, and as listed: a summary shows only its own article's fields,
     * and its section's, authors' and picture's, whose changes are the whole site's).
     */
    changed(change: ContentChange): void {
      if (change.scope !== 'site') return
      if (change.article === undefined) kept.forget()
      else kept.forgetAllBut(['candidate', 'summary'], change.article)
    },
  }
}
