import { createContext } from 'preact'
import { useContext } from 'preact/hooks'

/** A logo image for the masthead, drawn at this size (CSS pixels). */
export interface MastheadLogo {
  src: string
  width: number
  height: number
}

/**
 * How the site looks as itself: the one place a logo and an accent colour
 * plug in. Without a logo the masthead sets the name in type; without an
 * accent the stylesheet's own colour stays.
 */
export interface SiteIdentity {
  logo: MastheadLogo | null
  /** `#rrggbb`, lower case; the stylesheet reads it as --accent (see themePath). */
  accent: string | null
}

/** What every page knows about the site it belongs to. */
export interface SiteInfo {
  name: string
  identity: SiteIdentity
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

/** Where the accent colour's stylesheet lives: its address is its content, so it caches forever. */
export const THEME_PATH = '/theme.css'

export const ACCENT_PATTERN = /^#[0-9a-f]{6}$/

export const themePath = (accent: string): string =>
  `${THEME_PATH}?accent=${encodeURIComponent(accent.slice(1))}`
