import type { ArticleKey, VersionedKey } from '../../domain/api/content-api-store.js'
import type {
  ArticleQuery,
  ContentApiService,
  KeysetPage,
} from '../../domain/api/content-api-service.js'
import type { ContentChange } from '../../domain/changes.js'
import { estimateBytes, type MemoryShare } from '../../domain/memory-budget.js'
import { keyedMemo } from '../read-memo.js'

export type ArticleKeyPages = ReturnType<typeof createArticleKeyPages>

/**
 * Which articles an API list answers with, kept until the site changes, as the
 * home page keeps its stories: the newest twenty, a section's, a tag's or a
 * search's first page then cost no query. Any article's change may add it to
 * or take it from any list, so every `site` change drops them all.
 */
export function createArticleKeyPages(
  api: Pick<ContentApiService, 'listArticleKeys'>,
  now: () => Date,
  share: MemoryShare,
) {
  const pages = keyedMemo<KeysetPage<VersionedKey, ArticleKey>>(share, {
    now,
    weigh: estimateBytes,
  })
  return {
    list: (query: ArticleQuery, after: ArticleKey | undefined, limit: number) =>
      pages.get(JSON.stringify([query, after, limit]), () =>
        api.listArticleKeys(query, after, limit),
      ),
    changed: (change: ContentChange): void => pages.changed(change),
  }
}
