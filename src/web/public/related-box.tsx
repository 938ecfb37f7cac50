import type { ArticleSummary } from '../../domain/articles/article.js'
import type { KeptRelatedBox } from '../../domain/stories/story-store.js'
import { renderInSite, type SiteInfo } from '../ui/site.js'
import { flat } from '../ui/flat-string.js'
import { RelatedCards } from './views/related-coverage.js'

/**
 * An article page's related coverage box (its cards) as HTML, and the stories it shows:
 * rendered from its kept list when articles change and kept beside it
 * (story-keeper.ts), so that a first read of an old article reads it whole.
 */
export function relatedBoxOf(site: SiteInfo, stories: readonly ArticleSummary[]): KeptRelatedBox {
  return {
    ids: stories.map((story) => story.id),
    html: stories.length === 0 ? '' : flat(renderInSite(site, <RelatedCards items={stories} />)),
  }
}
