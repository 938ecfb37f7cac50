import type { Article, ArticleSummary } from '../articles/article.js'
import type { ContentChange } from '../changes.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { rankRelated, scoringKeys, type RelatedCandidate } from './related.js'
import type { CandidateRow, RelatedSubjectRow } from './related-store.js'
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

/** What a related list is computed for: an article as the scoring and the candidates' lookups see it. */
type Subject = Pick<Article, 'id' | 'headline' | 'standfirst' | 'sectionId' | 'threadId'> & {
  tagIds: readonly string[]
}

/** Lists computed in one go at most, when filling in those missing. */
const FILL_BATCH = 200

/**
 * Related coverage: other published stories that share this one's tags (the
 * rarer the tag, the more it counts) and the significant words of its
 * headline and standfirst. Candidates come from indexed lookups (articles by
 * tag, newest of the section), never a scan of every article; they are then
 * scored here (domain/related/related.ts).
 *
 * Each published article's list is computed when articles change and kept
 * (`keepUpWith`), and read with the article, so a reader's first read of an
 * article scores nothing. A change of article X recomputes the lists X may
 * enter or leave: its own, those of the stories it would consider itself
 * (its section's newest and its rarest tags' newest, for relatedness is
 * mostly mutual) and those of the stories it listed. Other lists stay as they
 * were, even though a tag's weight moves a little with each story tagged: a
 * list is the ranking as of its last recomputation, never one naming an
 * unpublished story (only published summaries are shown). An article with no
 * list yet (one imported, or from before lists were kept) is scored when
 * read, until `fillMissing` computes it.
 *
 * What many articles share (a tag's newest and how common it is, a section's
 * newest, a candidate's words and tags) is kept until the site changes, so
 * computing a list is mostly from memory.
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

  /** The article itself and the other stories of its thread: never listed as related. */
  async function excludedFrom(article: Pick<Subject, 'id' | 'threadId'>): Promise<Set<string>> {
    const inThread =
      article.threadId === null ? [] : await stores.threads.articleIds(article.threadId)
    return new Set([article.id, ...inThread])
  }

  /** The stories `article` is compared with: its section's newest and its rarest tags' newest. */
  async function candidateIds(
    article: Subject,
  ): Promise<{ ids: string[]; frequency: Map<string, number> }> {
    const frequency = await frequencies(article.tagIds)
    const rarest = [...article.tagIds]
      .sort((a, b) => (frequency.get(a) ?? 0) - (frequency.get(b) ?? 0))
      .slice(0, CANDIDATE_TAGS)
    const [excluded, fromSection, ...fromTags] = await Promise.all([
      excludedFrom(article),
      kept.one(`section ${article.sectionId}`, () =>
        stores.related.publishedIdsInSection(article.sectionId, FROM_SECTION),
      ),
      ...rarest.map((tagId) =>
        kept.one(`tag ${tagId}`, () => stores.related.publishedIdsWithTag(tagId, PER_TAG)),
      ),
    ])
    const ids = [...new Set([...fromTags.flat(), ...fromSection])].filter((id) => !excluded.has(id))
    return { ids, frequency }
  }

  /** The ids of up to `limit` stories most related to `article`, best first. */
  async function ranked(article: Subject, limit: number): Promise<string[]> {
    const { ids, frequency } = await candidateIds(article)
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
    // Scored as kept, not copied: a list is some hundred candidates.
    const candidates = [...rows.values()].filter((row) => row !== undefined)
    return rankRelated(article, candidates, frequency, limit)
  }

  /** The published stories among `ids`, in that order, as listed. */
  async function summariesOf(ids: readonly string[]): Promise<ArticleSummary[]> {
    const summaries = await kept.many<ArticleSummary | undefined>('summary', ids, async (missing) =>
      everyAsked(missing, await stores.articles.publishedSummaries(missing)),
    )
    return ids.flatMap((id) => summaries.get(id) ?? [])
  }

  /**
   * Computes and keeps the lists of these articles: the published ones'; the
   * others' go. `known` holds rows already read of some of them.
   */
  async function keepListsOf(
    ids: readonly string[],
    known: readonly RelatedSubjectRow[] = [],
  ): Promise<void> {
    const byId = new Map(known.map((row) => [row.id, row]))
    const rows = [
      ...ids.flatMap((id) => byId.get(id) ?? []),
      ...(await stores.related.subjects(ids.filter((id) => !byId.has(id)))),
    ]
    const lists = new Map<string, string[]>()
    const gone: string[] = []
    for (const row of rows) {
      if (row.published) lists.set(row.id, await ranked(row, RELATED_LIMIT))
      else if (row.relatedIds !== null) gone.push(row.id)
    }
    await stores.related.saveLists(lists)
    await stores.related.dropLists(gone)
  }

  /** After these articles changed: the lists they may have entered or left, theirs included. */
  async function refreshAround(changed: readonly string[]): Promise<void> {
    // One deleted is not found: its list went with it, and lists show only published stories.
    const rows = await stores.related.subjects(changed)
    const around = new Set<string>()
    for (const row of rows) {
      // Never listed: a draft, or one unpublished before lists were kept.
      if (!row.published && row.relatedIds === null) continue
      const { ids } = await candidateIds(row)
      for (const id of [row.id, ...ids, ...(row.relatedIds ?? [])]) around.add(id)
    }
    await keepListsOf([...around], rows)
  }

  // Ids up to here were looked at by fillMissing: newer articles have greater ids (ids.ts).
  let filledUpTo = ''
  let filling: Promise<number> | undefined

  async function fill(limit: number): Promise<number> {
    let filled = 0
    while (filled < limit) {
      const ids = await stores.related.withoutList(filledUpTo, Math.min(FILL_BATCH, limit - filled))
      if (ids.length === 0) break
      await keepListsOf(ids)
      filledUpTo = ids[ids.length - 1] ?? filledUpTo
      filled += ids.length
    }
    return filled
  }

  const service = {
    /**
     * Up to `limit` stories related to a published article, best first;
     * never the article itself, nor another article of its story thread
     * (its thread box shows those). Its kept list when it has one.
     */
    async forArticle(
      article: Pick<Article, 'id' | 'headline' | 'standfirst' | 'sectionId' | 'tags' | 'threadId'>,
      limit = RELATED_LIMIT,
    ): Promise<ArticleSummary[]> {
      const kept = limit <= RELATED_LIMIT ? await stores.related.keptList(article.id) : null
      if (kept === null) {
        const subject = { ...article, tagIds: article.tags.map((tag) => tag.id) }
        return summariesOf(await ranked(subject, limit))
      }
      if (kept.length === 0) return []
      // The thread may have taken in one of them since the list was kept.
      const excluded = await excludedFrom(article)
      return summariesOf(kept.filter((id) => !excluded.has(id)).slice(0, limit))
    },

    /**
     * Keeps lists up to date with a change this process made, before it is
     * announced (context.ts): a change of articles (one, or an import's)
     * recomputes the lists it may alter; any other change of what readers see
     * fills in the lists of articles that have none. Lists are derived, and
     * one missing is computed when read: a failure leaves the lists as they
     * were, but for the changed articles' own, which go so that they are
     * computed when read.
     */
    async keepUpWith(change: ContentChange): Promise<void> {
      if (change.scope !== 'site' || change.foreign) return
      // What the lists are computed from changed: what is kept of it must go first.
      service.changed(change)
      const changed = change.article === undefined ? change.articles : [change.article]
      try {
        await (changed === undefined ? service.fillMissing() : refreshAround(changed))
      } catch {
        if (changed !== undefined) await stores.related.dropLists(changed).catch(() => {})
      }
    },

    /**
     * Computes up to `limit` lists of published articles that have none, the
     * oldest first; how many it computed. Calls at once share one filling.
     */
    fillMissing(limit = Number.POSITIVE_INFINITY): Promise<number> {
      filling ??= fill(limit).finally(() => (filling = undefined))
      return filling
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
  return service
}
