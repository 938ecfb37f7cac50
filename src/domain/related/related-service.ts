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
 * (`keepUpWith`): a reader's first read of an article reads its list and
 * scores nothing. A change of article X computes X's list whole, and ranks
 * again the lists X may enter or leave (of the stories X would consider
 * itself, its section's newest and its rarest tags' newest, for relatedness
 * is mostly mutual, and of those X listed) among their own stories and X:
 * a list takes in a new story where it ranks, and keeps its stories until
 * better ones come, whatever their age. Other lists stay as they were, even
 * though a tag's weight moves a little with each story tagged: a list is the
 * ranking as of its last change, never one naming an unpublished story (only
 * published summaries are shown). An article with no
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

  /** These stories as candidates, with their keys; one no longer published is undefined. */
  const candidatesOf = (ids: readonly string[]): Promise<Map<string, Known | undefined>> =>
    // One no longer published is remembered as such until the site changes.
    kept.many<Known | undefined>('candidate', ids, async (missing) =>
      everyAsked(
        missing,
        (await stores.related.candidates(missing)).map((row) => ({
          ...row,
          keys: scoringKeys(row),
        })),
      ),
    )

  /** The ids of up to `limit` of the stories `ids` most related to `article`, best first. */
  async function rankAmong(
    article: Subject,
    ids: readonly string[],
    frequency: ReadonlyMap<string, number>,
    limit: number,
  ): Promise<string[]> {
    if (ids.length === 0) return []
    const rows = await candidatesOf(ids)
    // Scored as kept, not copied: a list is some hundred candidates.
    const candidates = [...rows.values()].filter((row) => row !== undefined)
    return rankRelated(article, candidates, frequency, limit)
  }

  /** The ids of up to `limit` stories most related to `article`, best first. */
  async function ranked(article: Subject, limit: number): Promise<string[]> {
    const { ids, frequency } = await candidateIds(article)
    return rankAmong(article, ids, frequency, limit)
  }

  /** The published stories among `ids`, in that order, as listed. */
  async function summariesOf(ids: readonly string[]): Promise<ArticleSummary[]> {
    const summaries = await kept.many<ArticleSummary | undefined>('summary', ids, async (missing) =>
      everyAsked(missing, await stores.articles.publishedSummaries(missing)),
    )
    return ids.flatMap((id) => summaries.get(id) ?? [])
  }

  /** Computes and keeps the lists of these articles: the published ones'; the others' go. */
  async function keepListsOf(ids: readonly string[]): Promise<void> {
    const lists = new Map<string, string[]>()
    const gone: string[] = []
    for (const row of await stores.related.subjects(ids)) {
      if (row.published) lists.set(row.id, await ranked(row, RELATED_LIMIT))
      else if (row.relatedIds !== null) gone.push(row.id)
    }
    await stores.related.saveLists(lists)
    await stores.related.dropLists(gone)
  }

  /**
   * After these articles changed (one, or an import's): their own lists
   * computed whole, and each list they may enter or leave (of the stories
   * they would consider, and of those they listed) ranked again among its
   * own stories and the changed ones. So a list takes in a new story where it
   * ranks and lets go of one that no longer does, for a few candidates each,
   * not a hundred: an import's thousand neighbours cost about what its own
   * lists do.
   */
  async function refreshAround(changed: readonly string[]): Promise<void> {
    const lists = new Map<string, string[]>()
    const gone: string[] = []
    // One deleted is not found: its list went with it, and lists show only published stories.
    // One never listed (a draft, or unpublished before lists were kept) is in no list.
    const rows = (await stores.related.subjects(changed)).filter(
      (row) => row.published || row.relatedIds !== null,
    )
    // What they all read, each kind asked for at once (an import's two hundred stories).
    await frequencies(rows.flatMap((row) => row.tagIds))
    const pools = await Promise.all(
      rows.map(async (row) => ({ row, ...(await candidateIds(row)) })),
    )
    await candidatesOf(pools.flatMap((pool) => pool.ids))
    // Each neighbour's list, and the changed stories that may enter or leave it.
    const arrivals = new Map<string, Set<string>>()
    for (const { row, ids, frequency } of pools) {
      if (row.published) lists.set(row.id, await rankAmong(row, ids, frequency, RELATED_LIMIT))
      else gone.push(row.id)
      for (const id of [...ids, ...(row.relatedIds ?? [])]) {
        arrivals.set(id, (arrivals.get(id) ?? new Set()).add(row.id))
      }
    }
    for (const id of changed) arrivals.delete(id)
    // One without a list is computed whole when filled, or scored when read.
    const neighbours = (await stores.related.subjects([...arrivals.keys()])).filter(
      (row) => row.published && row.relatedIds !== null,
    )
    await frequencies(neighbours.flatMap((row) => row.tagIds))
    await candidatesOf(neighbours.flatMap((row) => row.relatedIds ?? []))
    for (const row of neighbours) {
      const own = row.relatedIds ?? []
      const excluded = await excludedFrom(row)
      const ids = [...new Set([...own, ...(arrivals.get(row.id) ?? [])])].filter(
        (id) => !excluded.has(id),
      )
      const list = await rankAmong(row, ids, await frequencies(row.tagIds), RELATED_LIMIT)
      if (list.join() !== own.join()) lists.set(row.id, list)
    }
    await stores.related.saveLists(lists)
    await stores.related.dropLists(gone)
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
      const list = limit <= RELATED_LIMIT ? await stores.related.keptList(article.id) : null
      if (list === null) {
        const subject = { ...article, tagIds: article.tags.map((tag) => tag.id) }
        return summariesOf(await ranked(subject, limit))
      }
      if (list.length === 0) return []
      // The thread may have taken in one of them since the list was kept.
      const excluded = await excludedFrom(article)
      return summariesOf(list.filter((id) => !excluded.has(id)).slice(0, limit))
    },

    /**
     * Keeps lists up to date with a change this process made, once it is
     * announced (context.ts), and so once `changed` has dropped what it made stale: a change of articles (one, or an import's)
     * recomputes the lists it may alter; any other change of what readers see
     * fills in the lists of articles that have none. Lists are derived, and
     * one missing is computed when read: a failure leaves the lists as they
     * were, but for the changed articles' own, which go so that they are
     * computed when read.
     */
    async keepUpWith(change: ContentChange): Promise<void> {
      if (change.scope !== 'site' || change.foreign) return
      const changed = change.article === undefined ? change.articles : [change.article]
      try {
        await (changed === undefined ? service.fillMissing() : refreshAround(changed))
      } catch {
        if (changed === undefined) return
        await stores.related.dropLists(changed).catch(() => {})
        // Those dropped may be behind where filling has looked: it starts over.
        filledUpTo = ''
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
     * go, except, when articles changed (one, or an import's, in the process
     * that made the change), what is known of the others (as
     * candidates, and as listed: a summary shows only its own article's fields,
     * and its section's, authors' and picture's, whose changes are the whole site's).
     */
    changed(change: ContentChange): void {
      if (change.scope !== 'site') return
      const only = change.article === undefined ? change.articles : [change.article]
      if (only === undefined) kept.forget()
      else kept.forgetAllBut(['candidate', 'summary'], only)
    },
  }
  return service
}
