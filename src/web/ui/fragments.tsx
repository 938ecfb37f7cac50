import { createContext, type VNode } from 'preact'
import { useContext } from 'preact/hooks'
import type { ArticleSummary } from '../../domain/articles/article.js'
import { estimateBytes, stringBytes, type MemoryShare } from '../../domain/memory-budget.js'
import { secondUseWithin } from '../second-use.js'
import { boundedMemo } from './bounded-memo.js'
import { flat } from './flat-string.js'
import { renderInSite, type SiteInfo } from './site.js'

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
  /**
   * HTML made from an object that is replaced, never changed, when what it
   * shows changes (a page's kept content), as UTF-8: kept from its second
   * rendering on, until it is the least used. Cut where `hole` stands (what
   * each request fills in), so that a page is sent from these bytes as they are.
   */
  of(source: object, render: () => string, hole?: string): readonly Buffer[]
  /** Fragments held, for tests and diagnostics. */
  readonly size: number
}

export const FragmentContext = createContext<FragmentCache | undefined>(undefined)

/** About what a kept page weighs: some tens of KB (an article page with fifty comments, 60). */
const PAGE_BYTES = 30_000

/**
 * Fragments kept within `memory` (a share of the memory budget, or bytes),
 * the least recently used dropped first: cards by content, pages' HTML by the
 * object they were made from.
 */
export function createFragmentCache(
  site: SiteInfo,
  memory: MemoryShare | number = 4_000_000,
): FragmentCache {
  const byObject = new WeakMap<ArticleSummary, Map<string, string>>()
  const byContent = boundedMemo<string | readonly Buffer[]>(memory, (kept) =>
    typeof kept === 'string' ? stringBytes(kept) : estimateBytes(kept),
  )
  // A page's HTML is kept on its second rendering: most of an archive's pages are rendered once
  // (the page cache keeps them). Cards are not held back: the same card is on many pages.
  const pagesSeen = secondUseWithin(typeof memory === 'number' ? memory : memory.limit, PAGE_BYTES)
  // A number for each page source: its HTML is kept under it, and goes with the least used.
  const sources = new WeakMap<object, number>()
  let sourcesSeen = 0
  const sourceId = (source: object): number => {
    let id = sources.get(source)
    if (id === undefined) sources.set(source, (id = ++sourcesSeen))
    return id
  }
  // The settings a fragment reads: an admin's change of name, zone or language makes new ones.
  const settings = () =>
    `${site.name}\u0000${site.timeZone}\u0000${site.language}\u0000${site.media.page}`

  function rendered(key: string, render: () => VNode): string {
    const known = byContent.get(key)
    if (typeof known === 'string') return known
    // The same escaping renderer as the page around it.
    const html = flat(renderInSite(site, render()))
    byContent.set(key, html)
    return html
  }

  return {
    html(story, variant, render) {
      const kind = `${variant}\u0000${settings()}`
      let forStory = byObject.get(story)
      const known = forStory?.get(kind)
      if (known !== undefined) return known
      const html = rendered(`${kind}\u0000${JSON.stringify(story)}`, render)
      if (!forStory) byObject.set(story, (forStory = new Map<string, string>()))
      forStory.set(kind, html)
      return html
    },
    of(source, render, hole) {
      const key = `page\u0000${sourceId(source)}\u0000${settings()}\u0000${hole ?? ''}`
      const known = byContent.get(key)
      if (known !== undefined && typeof known !== 'string') return known
      const pieces = utf8Pieces(render(), hole)
      if (pagesSeen.admits(key)) byContent.set(key, pieces)
      return pieces
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

/**
 * HTML as UTF-8, cut where `hole` stands. Each piece has memory of its own:
 * a small Buffer from Node's shared pool would keep its whole 8 KB slab alive.
 */
export function utf8Pieces(html: string, hole?: string): readonly Buffer[] {
  return (hole === undefined ? [html] : html.split(hole)).map((piece) => {
    const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(piece))
    bytes.write(piece)
    return bytes
  })
}
