import type { ArticleSummary, PublishedArticle } from '../articles/article.js'
import { isPublished } from '../articles/article.js'
import { NotFoundError } from '../errors.js'
import type { UnitOfWork } from '../unit-of-work.js'
import type {
  BoxToKeep,
  RelatedBoxSource,
  StoryGenerations,
  StoryPageRow,
  StoryToKeep,
} from './story-store.js'

export type StoryService = ReturnType<typeof createStoryService>

/**
 * Article pages' stories as rendered and kept (the web layer renders them):
 * whether one is current is the database's to say, through generations its
 * triggers move with every write to what a story shows.
 */
export function createStoryService({ stores }: { stores: UnitOfWork }) {
  const notFound = (slug: string) =>
    new NotFoundError('article_not_found', `There is no published article "${slug}".`)
  return {
    /** The published article under this slug as its page reads it first; NotFoundError if none. */
    async page(slug: string, stamp: string): Promise<StoryPageRow> {
      const row = await stores.stories.pageBySlug(slug, stamp)
      if (!row) throw notFound(slug)
      return row
    },

    /** These articles whole, the published ones: to render their stories. */
    async published(ids: readonly string[]): Promise<PublishedArticle[]> {
      return (await stores.articles.findByIds([...ids])).filter(isPublished)
    },

    /** The generations now of these articles' stories: to be read before the articles are. */
    generations: (ids: readonly string[]): Promise<Map<string, StoryGenerations>> =>
      stores.stories.generations(ids),

    missing: (after: string, stamp: string, limit: number): Promise<string[]> =>
      stores.stories.missing(after, stamp, limit),

    keep: (stories: readonly StoryToKeep[]): Promise<void> => stores.stories.save(stories),

    /** What these articles' related coverage boxes are rendered from, for those that have one. */
    boxSources: (ids: readonly string[]): Promise<RelatedBoxSource[]> =>
      stores.stories.boxSources(ids),

    /** The published ones of these stories, as listed: read after their generations. */
    summaries: (ids: readonly string[]): Promise<ArticleSummary[]> =>
      stores.articles.publishedSummaries(ids),

    missingBoxes: (after: string, stamp: string, limit: number): Promise<string[]> =>
      stores.stories.missingBoxes(after, stamp, limit),

    keepBoxes: (boxes: readonly BoxToKeep[]): Promise<void> => stores.stories.saveBoxes(boxes),
  }
}
