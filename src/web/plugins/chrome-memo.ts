import type { ContentChange } from '../../domain/changes.js'
import type { SiteChrome } from './render.js'

/**
 * The site's chrome (sections, menus, banner) read once and kept until the
 * site changes or the banner runs out: every uncached page would otherwise
 * spend three queries on it. The page cache drops its pages on the same
 * changes, so a page and its chrome never disagree for longer than a cached page may.
 */
export function memoizedChrome(
  load: () => Promise<SiteChrome>,
  now: () => Date,
): { get: () => Promise<SiteChrome>; changed: (change: ContentChange) => void } {
  // A change drops it, even while it loads: a read begun before a change is not kept.
  let kept: Promise<SiteChrome> | undefined
  const expired = (chrome: SiteChrome): boolean =>
    chrome.banner !== undefined && now() >= chrome.banner.expiresAt

  async function fresh(): Promise<SiteChrome> {
    const loading = load()
    kept = loading
    try {
      return await loading
    } catch (error) {
      // A failed read is not remembered: the next page tries again.
      if (kept === loading) kept = undefined
      throw error
    }
  }

  return {
    async get() {
      if (!kept) return fresh()
      const chrome = await kept
      return expired(chrome) ? fresh() : chrome
    },
    changed(change) {
      if (change.scope === 'site') kept = undefined
    },
  }
}
