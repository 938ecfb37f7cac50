import type { ContentChange } from '../../domain/changes.js'
import { NotFoundError } from '../../domain/errors.js'
import type { ArticleSummary } from '../../domain/articles/article.js'
import type { StoryService } from '../../domain/stories/story-service.js'
import type { BoxToKeep, StoryToKeep } from '../../domain/stories/story-store.js'
import type { Timers } from '../../domain/timers.js'
import type { SiteInfo } from '../ui/site.js'
import {
  keptStoryOf,
  renderStoryParts,
  storyPartsOf,
  storyStamp,
  type StoryPage,
} from './story-parts.js'
import { relatedBoxOf } from './related-box.js'

/** Stories rendered on a read, written together once this many wait… */
const WRITE_BATCH = 100
/** …or this long after the first of them. */
const WRITE_AFTER_MS = 50
/** Stories rendered and kept together, when articles change or are filled in: an import's hundreds. */
const BATCH = 200

export type StoryKeeper = ReturnType<typeof createStoryKeeper>

/**
 * Renders article pages' stories and related coverage boxes, and keeps them
 * (story-parts.tsx, related-box.tsx): when articles change, in the process
 * that changed them, and when a page is read whose story or box is not kept or
 * no longer current. Those rendered on reads are written in batches, after the
 * answer: kept stories and boxes are derived, and a lost one is rendered again.
 */
export function createStoryKeeper(stories: StoryService, site: SiteInfo, timers: Timers) {
  const stamp = storyStamp(site)
  let waiting: StoryToKeep[] = []
  // Boxes are rendered again for the write, from what is read after their generations.
  let boxesWaiting = new Set<string>()
  let timer: { cancel(): void } | undefined
  let writing: Promise<void> = Promise.resolve()

  function flush(): Promise<void> {
    timer?.cancel()
    timer = undefined
    const batch = waiting
    const boxes = [...boxesWaiting]
    waiting = []
    boxesWaiting = new Set()
    if (batch.length > 0 || boxes.length > 0) {
      writing = writing.then(() =>
        // Derived: a write that fails leaves the story or box to be rendered again when next read.
        Promise.all([stories.keep(batch), keepBoxesOf(boxes)]).then(
          () => {},
          () => {},
        ),
      )
    }
    return writing
  }

  function writeSoon(): void {
    if (waiting.length + boxesWaiting.size >= WRITE_BATCH) void flush()
    else timer ??= timers.after(WRITE_AFTER_MS, () => void flush())
  }

  function keepLater(story: StoryToKeep): void {
    waiting.push(story)
    writeSoon()
  }

  /**
   * Renders and keeps the related coverage boxes of these articles (the
   * published ones not in a thread, with a kept list): the lists and
   * generations first, then the stories they name.
   */
  async function keepBoxesOf(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return
    const sources = await stories.boxSources(ids)
    const named = [...new Set(sources.flatMap((source) => source.relatedIds))]
    const summaries = new Map<string, ArticleSummary>(
      (await stories.summaries(named)).map((summary) => [summary.id, summary]),
    )
    const current = stamp()
    const boxes: BoxToKeep[] = sources.map((source) => ({
      ...source,
      stamp: current,
      ...relatedBoxOf(
        site,
        source.relatedIds.flatMap((id) => summaries.get(id) ?? []),
      ),
    }))
    await stories.keepBoxes(boxes)
  }

  /** Renders and keeps these articles' stories, the published ones', a batch at a time. */
  async function keepStoriesOf(ids: readonly string[]): Promise<void> {
    for (let start = 0; start < ids.length; start += BATCH) {
      const batch = ids.slice(start, start + BATCH)
      // The generations first: a change after them leaves what is rendered behind.
      const generations = await stories.generations(batch)
      const current = stamp()
      const kept: StoryToKeep[] = []
      for (const article of await stories.published(batch)) {
        const at = generations.get(article.id)
        if (!at) continue
        kept.push({
          articleId: article.id,
          generations: at,
          ...keptStoryOf(renderStoryParts(site, article), current),
        })
      }
      await stories.keep(kept)
      await keepBoxesOf(batch)
    }
  }

  // Where filling has got to, for the stamp it fills for.
  const cursor = { stamp: '', after: '' }
  const boxCursor = { stamp: '', after: '' }

  return {
    stamp,

    /**
     * An article page's row and story by slug (NotFoundError if no article is
     * published under it): the kept story when current, or one rendered now
     * from the article as read after the row, kept at the row's generations.
     */
    async page(slug: string): Promise<StoryPage> {
      const current = stamp()
      const { kept, generations, ...row } = await stories.page(slug, current)
      // Rendered on this read (article-reads.tsx), and kept for the next.
      if (!row.relatedBox && row.threadId === null) {
        boxesWaiting.add(row.id)
        writeSoon()
      }
      if (kept) return { ...row, parts: storyPartsOf(kept) }
      const [article] = await stories.published([row.id])
      // Unpublished between the two reads: as if it never was.
      if (!article) {
        throw new NotFoundError('article_not_found', `There is no published article "${slug}".`)
      }
      const parts = renderStoryParts(site, article)
      keepLater({ articleId: row.id, generations, ...keptStoryOf(parts, current) })
      return { ...row, parts }
    },

    /**
     * After a change this process made: the changed articles' stories
     * rendered and kept at once, so that the first reader of each finds it.
     * Kept stories are derived: a failure leaves them to be rendered when read.
     */
    async keepUpWith(change: ContentChange): Promise<void> {
      if (change.scope !== 'site' || change.foreign) return
      const ids = change.article === undefined ? change.articles : [change.article]
      if (ids && ids.length > 0) await keepStoriesOf(ids).catch(() => {})
    },

    /**
     * Renders and keeps up to `limit` stories of published articles that have
     * none, or one from another renderer (an older version, other settings),
     * from the oldest; how many. A story kept and then outdated by a change of
     * the whole site is rendered again when read, not here.
     */
    async fillMissing(limit = Number.POSITIVE_INFINITY): Promise<number> {
      const current = stamp()
      if (current !== cursor.stamp) Object.assign(cursor, { stamp: current, after: '' })
      let filled = 0
      while (filled < limit) {
        const ids = await stories.missing(cursor.after, current, Math.min(BATCH, limit - filled))
        if (ids.length === 0) break
        await keepStoriesOf(ids)
        cursor.after = ids[ids.length - 1] ?? cursor.after
        filled += ids.length
      }
      return filled
    },

    /**
     * Renders and keeps up to `limit` related coverage boxes that are missing
     * (a list saved anew clears its box) or from another renderer, from the
     * oldest article on from where filling has got to; how many. Filling goes
     * through the archive once per process and stamp (an import's, an older
     * version's, a restart's); a box cleared behind it, or outdated by a
     * change of the stories it lists, is rendered again when read, not here.
     */
    async fillMissingBoxes(limit = Number.POSITIVE_INFINITY): Promise<number> {
      const current = stamp()
      if (current !== boxCursor.stamp) Object.assign(boxCursor, { stamp: current, after: '' })
      let filled = 0
      while (filled < limit) {
        const ids = await stories.missingBoxes(
          boxCursor.after,
          current,
          Math.min(BATCH, limit - filled),
        )
        if (ids.length === 0) break
        await keepBoxesOf(ids)
        boxCursor.after = ids[ids.length - 1] ?? boxCursor.after
        filled += ids.length
      }
      return filled
    },

    /** Writes what waits (at shutdown, and in tests). */
    flush,
  }
}
