import { createContext, type VNode } from 'preact'
import { useContext } from 'preact/hooks'
import { renderToString } from 'preact-render-to-string'
import type { ArticleSummary } from '../../domain/articles/article.js'
import { SiteContext, type SiteInfo } from './site.js'

/**
 * Story cards rendered once and kept as HTML: the home page carries sixty,
 * a listing twenty, and a card's markup (picture sources, dates in the site's
 * zone, bylines) costs more to render than to look up. A card is found by the
 * summary object it was made from (stable while public-reads.ts keeps the
 * page's stories), else by its content: everything the summary holds, the
 * card's variant and the site settings it reads. So an edit, a renamed
 * section or author, a new focal point each make a new card, and a change
 * elsewhere on the site leaves the others' HTML to be reused.
 */
export interface FragmentCache {
  html(story: ArticleSummary, variant: string, render: () => VNode): string
  /** Fragments held, for tests and diagnostics. */
  readonly size: number
}

export const FragmentContext = createContext<FragmentCache | undefined>(undefined)

/** At most `max` fragments by content, the least recently used dropped first. */
export function createFragmentCache(site: SiteInfo, max = 2000): FragmentCache {
  const byObject = new WeakMap<ArticleSummary, Map<string, string>>()
  const byContent = new Map<string, string>()

  function rendered(key: string, render: () => VNode): string {
    const known = byContent.get(key)
    if (known !== undefined) {
      byContent.delete(key)
      byContent.set(key, known)
      return known
    }
    // The same escaping renderer as the page around it.
    const html = renderToString(
      <SiteContext.Provider value={site}>{render()}</SiteContext.Provider>,
    )
    byContent.set(key, html)
    if (byContent.size > max) {
      const oldest = byContent.keys().next().value
      if (oldest !== undefined) byContent.delete(oldest)
    }
    return html
  }

  return {
    html(story, variant, render) {
      // The settings a card reads: an admin's change of zone or language makes new cards.
      const settings = `${variant}\u0000${site.timeZone}\u0000${site.language}\u0000${site.media.page}`
      let forStory = byObject.get(story)
      const known = forStory?.get(settings)
      if (known !== undefined) return known
      const html = rendered(`${settings}\u0000${JSON.stringify(story)}`, render)
      if (!forStory) byObject.set(story, (forStory = new Map()))
      forStory.set(settings, html)
      return html
    },
    get size() {
      return byContent.size
    },
  }
}

/**
 * A story's fragment as HTML, from the page's fragment cache; rendered in
 * place when there is none (a view rendered on its own).
 */
export function useFragment(
  story: ArticleSummary,
  variant: string,
  render: () => VNode,
): string | VNode {
  const fragments = useContext(FragmentContext)
  return fragments ? fragments.html(story, variant, render) : render()
}
