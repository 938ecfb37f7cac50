import { createContext, h, type VNode } from 'preact'
import { renderToString } from 'preact-render-to-string'
import type { ImageRef } from '../../domain/media/media.js'
import { useContext } from 'preact/hooks'

/** What every page knows about the site it belongs to. */
export interface SiteInfo {
  name: string
  /** A line under the name in the masthead; '' for none. */
  tagline: string
  /** The accent colour (#rrggbb), '' for the stylesheet's own. */
  accent: string
  /** The logo an admin chose from the media library, shown in the masthead. */
  brandLogo: ImageRef | null
  /** Absolute base URL, no trailing slash. */
  url: string
  language: string
  timeZone: string
  stylesheet: string
  favicon: string
  /** The site's mark, a 512×512 PNG: the publisher logo and default image of shared pages. */
  logo: string
  adminStylesheet: string
  /** The desk's styles: search and sharing fields, confirmations, narrow screens. */
  deskStylesheet: string
  adminScript: string
  /** The media library's drag and drop and focal point picking. */
  mediaScript: string
  /** The newsroom's small helpers: live length counts, confirmation dialogs. */
  deskScript: string
  /** The rich-text editor (ProseMirror), built from src/editor/: article editor pages only. */
  editorScript: string
  commentsScript: string
  /** Click-to-load embeds, on pages that show one. */
  embedsScript: string
  /** Where renditions are fetched from: `page` for pages (/media or MEDIA_PUBLIC_URL), `absolute` for feeds and cards. */
  media: { page: string; absolute: string }
}

export const SiteContext = createContext<SiteInfo | undefined>(undefined)

export function useSite(): SiteInfo {
  const site = useContext(SiteContext)
  if (!site) throw new Error('a view was rendered outside SiteContext')
  return site
}

/** A view's HTML, rendered on its own within the site (the same escaping renderer as a page). */
export function renderInSite(site: SiteInfo, node: VNode): string {
  return renderToString(h(SiteContext.Provider, { value: site }, node))
}
