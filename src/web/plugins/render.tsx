import type { FastifyReply } from 'fastify'
import fp from 'fastify-plugin'
import type { VNode } from 'preact'
import { renderToString } from 'preact-render-to-string'
import type { LiveBanner } from '../../domain/front-page/front-page.js'
import type { Navigation } from '../../domain/menus/menu.js'
import type { SectionRef } from '../../domain/sections/section.js'
import {
  FooterContent,
  Layout,
  MastheadContent,
  type ChromeHtml,
  type PageMeta,
} from '../ui/layout.js'
import { SiteContext, type SiteInfo } from '../ui/site.js'
import { FragmentContext, utf8Pieces, type FragmentCache } from '../ui/fragments.js'
import { PageBytes, sendHtml } from './page-bytes.js'

export interface PageOptions extends PageMeta {
  status?: number
  /** The page's cache identity (see page-cache/cache-key.ts); set on pages that may be cached. */
  cacheKey?: string
  /** What the page shows beyond the site as a whole, for exact purges: 'article:<id>'. */
  cacheTags?: readonly string[]
  /** When the page changes by itself (a pin runs out): a cached copy is not kept past it. */
  freshUntil?: Date | undefined
}

/** How a rendered public page may be cached, for the page cache's onSend hook. */
export interface Cacheable {
  key: string
  tags: readonly string[]
  freshUntil?: Date | undefined
}

/** What every public page carries around its content: the navigation and the banner. */
export interface SiteChrome {
  sections: readonly SectionRef[]
  menus: Navigation
  /** The breaking-news banner while it is up. */
  banner?: LiveBanner | undefined
}

/**
 * A rendered document, as text, or as the UTF-8 bytes of a kept page (with
 * each request's token between its pieces), and when it stops being true by
 * itself (a banner expires).
 */
export interface RenderedPage {
  html: string | Buffer | PageBytes
  freshUntil: Date | undefined
}

/**
 * A page made from one object that is replaced, never changed, when what it
 * shows changes (the front page's stories, kept by public-reads.ts): rendered
 * once per object (and chrome and banner) and kept as HTML (ui/fragments.tsx),
 * head and all. So the page's meta must be a function of that object too: a
 * page whose title or links differ for the same object gets its first ones.
 */
export interface KeptContent {
  keptFor: object
  view: () => VNode
  /**
   * What the kept HTML leaves open for each request (a form's token): the
   * marker that stands there in the view, and what goes in its place.
   */
  hole?: { marker: string; value: string }
}

/** Page content, or a function of the site's sections for pages that list them. */
export type PageContent = VNode | ((sections: readonly SectionRef[]) => VNode) | KeptContent

const isKept = (content: PageContent): content is KeptContent =>
  typeof content === 'object' && 'keptFor' in content

/** Renders a whole HTML document around page content. */
export type PageRenderer = (content: PageContent, meta: PageMeta) => Promise<RenderedPage>

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a public page inside the site layout and sends it. */
    page(content: PageContent, options: PageOptions): Promise<FastifyReply>
    /** Set by page() on pages that may be cached; null otherwise. */
    cacheable: Cacheable | null
  }
}

/**
 * The site's chrome (sections, menus and banner), and the last that loaded.
 * A problem page (the database unreachable, say) must render when they cannot
 * load: it shows the last sections and menus it had, or none, and no banner.
 */
export function rememberedNavigation(load: () => Promise<SiteChrome>): {
  current: () => Promise<SiteChrome>
  lastKnown: () => Promise<SiteChrome>
} {
  let last: SiteChrome = { sections: [], menus: { main: [], footer: [] } }
  return {
    current: async () => {
      const chrome = await load()
      last = chrome
      return chrome
    },
    lastKnown: async () => {
      try {
        last = await load()
      } catch {
        // The page says what went wrong; its navigation is the one from before.
      }
      return { sections: last.sections, menus: last.menus }
    },
  }
}

/** Versions of the chrome kept per menus, beyond which they are forgotten (a few dozen sections). */
const MAX_KEPT_CHROME = 200

/**
 * The masthead's and the footer's HTML, the same on every page of a section
 * (which the navigation marks) until the menus or the site's identity
 * change: kept per menus object, which is replaced, never changed, when they
 * do, and by the section and the identity it shows. Rendering them was a
 * large part of the layout around an uncached page.
 */
function keptChrome(site: SiteInfo, render: (node: VNode) => string) {
  const kept = new WeakMap<Navigation, Map<string, ChromeHtml>>()
  return (menus: Navigation, current: string | undefined): ChromeHtml => {
    let versions = kept.get(menus)
    if (!versions || versions.size >= MAX_KEPT_CHROME) {
      versions = new Map()
      kept.set(menus, versions)
    }
    const key = [current ?? '', site.name, site.tagline, JSON.stringify(site.brandLogo)].join(
      '\u0000',
    )
    let chrome = versions.get(key)
    if (!chrome) {
      chrome = {
        masthead: render(<MastheadContent menus={menus} current={current} />),
        footer: render(<FooterContent menus={menus} current={current} />),
      }
      versions.set(key, chrome)
    }
    return chrome
  }
}

/** Doctype, layout and page, all through one escaping renderer. */
export function createPageRenderer(
  site: SiteInfo,
  navigation: () => Promise<SiteChrome>,
  fragments?: FragmentCache,
): PageRenderer {
  const inContext = (node: VNode) => (
    <SiteContext.Provider value={site}>
      <FragmentContext.Provider value={fragments}>{node}</FragmentContext.Provider>
    </SiteContext.Provider>
  )
  const chromeOf = keptChrome(site, (node) => renderToString(inContext(node)))
  return async (content, meta) => {
    const { sections, menus, banner } = await navigation()
    const layout = { meta, chrome: chromeOf(menus, meta.currentSection), banner }
    const freshUntil = banner?.expiresAt
    if (isKept(content)) {
      // The whole document, its head included, is a function of what the content was kept
      // for, the chrome and the banner: rendered once, kept as UTF-8, cut at the hole.
      const render = () =>
        `<!doctype html>${renderToString(inContext(<Layout {...layout}>{content.view()}</Layout>))}`
      const marker = content.hole?.marker
      const pieces = fragments
        ? fragments.of(documentKey(content.keptFor, layout.chrome, banner), render, marker)
        : utf8Pieces(render(), marker)
      return { html: filled(pieces, content.hole?.value), freshUntil }
    }
    const page = renderToString(
      inContext(
        <Layout {...layout}>{typeof content === 'function' ? content(sections) : content}</Layout>,
      ),
    )
    return { html: `<!doctype html>${page}`, freshUntil }
  }
}

const documentKeys = new WeakMap<object, WeakMap<ChromeHtml, WeakMap<object, object>>>()
const NO_BANNER = {}

/**
 * The object a kept document is found by: one per content, chrome and banner.
 * The chrome is replaced when the menus or the site's identity change, and
 * the banner when it is set or cleared, so each of those makes a new document.
 */
function documentKey(keptFor: object, chrome: ChromeHtml, banner: LiveBanner | undefined): object {
  let byChrome = documentKeys.get(keptFor)
  if (!byChrome) documentKeys.set(keptFor, (byChrome = new WeakMap()))
  let byBanner = byChrome.get(chrome)
  if (!byBanner) byChrome.set(chrome, (byBanner = new WeakMap()))
  let key = byBanner.get(banner ?? NO_BANNER)
  if (!key) byBanner.set(banner ?? NO_BANNER, (key = {}))
  return key
}

/** A kept document's bytes, each hole in them filled with `filler`: the kept pieces, never a copy. */
function filled(pieces: readonly Buffer[], filler: string | undefined): Buffer | PageBytes {
  if (pieces.length === 1 && pieces[0]) return pieces[0]
  const fill = Buffer.from(filler ?? '')
  return new PageBytes(pieces.flatMap((piece, index) => (index > 0 ? [fill, piece] : [piece])))
}

const earlier = (a: Date | undefined, b: Date | undefined): Date | undefined =>
  a && b ? (a < b ? a : b) : (a ?? b)

export const renderPlugin = fp<{ renderPage: PageRenderer }>(
  async (app, { renderPage }) => {
    app.decorateReply('cacheable', null)
    app.decorateReply(
      'page',
      async function page(this: FastifyReply, content: PageContent, options: PageOptions) {
        const { status = 200, cacheKey, cacheTags = [], freshUntil, ...meta } = options
        const page = await renderPage(content, meta)
        if (cacheKey !== undefined && status === 200) {
          this.cacheable = {
            key: cacheKey,
            tags: cacheTags,
            freshUntil: earlier(freshUntil, page.freshUntil),
          }
        }
        return sendHtml(this.code(status), page.html)
      },
    )
  },
  { name: 'render' },
)
