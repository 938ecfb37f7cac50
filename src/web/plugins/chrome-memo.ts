import type { ContentChange } from '../../domain/changes.js'
import { memoUntilChange } from '../read-memo.js'
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
  return memoUntilChange(load, { now, expiresAt: (chrome) => chrome.banner?.expiresAt })
}
