import type { ComponentChildren } from 'preact'
import type { LiveBanner } from '../../domain/front-page/front-page.js'
import type { MenuLink, Navigation } from '../../domain/menus/menu.js'
import { JsonLd } from './json-ld.js'
import { SearchForm } from './search-form.js'
import { useSite } from './site.js'
import { pictureFor } from './pictures.js'
import { Picture } from './picture.js'
import { articlePath } from './urls.js'
import { TrustedHtml } from './trusted-html.js'

/** What a page tells the layout about itself. */
export interface PageMeta {
  /** The page's own title; the site name is added. Empty on the home page. */
  title: string
  description?: string
  /** Path of the page's one true URL; error pages have none. */
  canonicalPath?: string
  /** Slug of the section the page belongs to, marked in the navigation. */
  currentSection?: string
  prevPath?: string
  nextPath?: string
  /** Keep the page out of search engines (error pages). */
  noindex?: boolean
  /** Same-site scripts that enhance the page; it works without them. */
  scripts?: readonly string[]
  /** Feeds of this page's stories, announced for feed readers (autodiscovery). */
  feeds?: readonly FeedLink[]
  /** schema.org objects, written as JSON-LD for search engines. */
  structuredData?: readonly object[]
  /** How the page looks when shared (OpenGraph and Twitter cards). */
  sharing?: SharingCard
}

export interface FeedLink {
  title: string
  href: string
  type: 'application/rss+xml' | 'application/atom+xml' | 'application/feed+json'
}

export interface SharingCard {
  type: 'website' | 'article'
  title: string
  description: string
  /** Absolute URL of an image, if the page has one. */
  image?: string
  /** The image is the site's square mark, not a picture of the story: a small card. */
  imageIsLogo?: boolean
  /** A picture of the story: its size and what it shows. */
  imageWidth?: number
  imageHeight?: number
  imageAlt?: string
  publishedTime?: string
  modifiedTime?: string
  section?: string
  tags?: readonly string[]
}

function SharingTags({
  card,
  url,
  siteName,
}: {
  card: SharingCard
  url: string | undefined
  siteName: string
}) {
  return (
    <>
      <meta property="og:type" content={card.type} />
      <meta property="og:site_name" content={siteName} />
      <meta property="og:title" content={card.title} />
      <meta property="og:description" content={card.description} />
      {url && <meta property="og:url" content={url} />}
      {card.image && <meta property="og:image" content={card.image} />}
      {card.imageWidth !== undefined && (
        <meta property="og:image:width" content={String(card.imageWidth)} />
      )}
      {card.imageHeight !== undefined && (
        <meta property="og:image:height" content={String(card.imageHeight)} />
      )}
      {card.imageAlt && <meta property="og:image:alt" content={card.imageAlt} />}
      {card.publishedTime && (
        <meta property="article:published_time" content={card.publishedTime} />
      )}
      {card.modifiedTime && <meta property="article:modified_time" content={card.modifiedTime} />}
      {card.section && <meta property="article:section" content={card.section} />}
      {card.tags?.map((tag) => (
        <meta key={tag} property="article:tag" content={tag} />
      ))}
      <meta
        name="twitter:card"
        content={card.image && !card.imageIsLogo ? 'summary_large_image' : 'summary'}
      />
      <meta name="twitter:title" content={card.title} />
      <meta name="twitter:description" content={card.description} />
      {card.image && <meta name="twitter:image" content={card.image} />}
      {card.imageAlt && <meta name="twitter:image:alt" content={card.imageAlt} />}
    </>
  )
}

/** A menu an editor arranged: sections, pages and links, in their order. */
function MenuNav({
  links,
  label,
  current,
}: {
  links: readonly MenuLink[]
  label: string
  current?: string
}) {
  if (links.length === 0) return null
  return (
    <nav class="section-nav" aria-label={label}>
      <ul>
        {links.map((link, index) => (
          <li key={index}>
            <a
              href={link.href}
              aria-current={
                link.section !== undefined && link.section === current ? 'page' : undefined
              }
            >
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}

/** The breaking-news line under the masthead, on every page while it is up. */
function BreakingBanner({ banner, timeZone }: { banner: LiveBanner; timeZone: string }) {
  return (
    <section class="breaking" aria-label="Breaking news">
      <p class="wrap">
        <strong class="breaking-label">Breaking</strong>{' '}
        {banner.article ? (
          <a href={articlePath(banner.article, timeZone)}>{banner.text}</a>
        ) : (
          <span>{banner.text}</span>
        )}
      </p>
    </section>
  )
}

/** The logo an admin chose, beside the name (which it does not repeat: no alt), and the tagline. */
function SiteMark() {
  const site = useSite()
  const logo = site.brandLogo
  return (
    <div class="site-mark">
      <a class="site-name" href="/">
        {logo ? (
          <Picture
            picture={{ ...pictureFor(site, logo), alt: '' }}
            sizes="12rem"
            class="site-logo"
          />
        ) : null}
        <span>{site.name}</span>
      </a>
      {site.tagline && <p class="site-tagline">{site.tagline}</p>}
    </div>
  )
}

/** What is inside the masthead: the site's mark, the search box, the sections. */
export function MastheadContent({ menus, current }: { menus: Navigation; current?: string }) {
  return (
    <>
      <div class="wrap masthead-bar">
        <SiteMark />
        <SearchForm id="site-search-q" compact landmark="Site" />
      </div>
      <div class="wrap">
        <MenuNav links={menus.main} label="Sections" current={current} />
      </div>
    </>
  )
}

/** What is inside the footer: its links and the colophon. */
export function FooterContent({ menus, current }: { menus: Navigation; current?: string }) {
  const site = useSite()
  return (
    <div class="wrap">
      <MenuNav links={menus.footer} label="Site (footer)" current={current} />
      {/* Each part stays whole: a narrow screen breaks the line after the dot, never at it. */}
      <p class="colophon">
        <span>
          {site.name}
          {'\u00a0'}·
        </span>{' '}
        <span>Published with Dateline</span>
      </p>
    </div>
  )
}

/** The masthead's and the footer's contents, rendered (plugins/render.tsx keeps them). */
export interface ChromeHtml {
  masthead: string
  footer: string
}

/** The document around every public page: head, masthead, section navigation, footer. */
export function Layout({
  meta,
  chrome,
  banner,
  children,
}: {
  meta: PageMeta
  chrome: ChromeHtml
  banner?: LiveBanner | undefined
  children?: ComponentChildren
}) {
  const site = useSite()
  return (
    <html lang={site.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{meta.title ? `${meta.title} | ${site.name}` : site.name}</title>
        {meta.description && <meta name="description" content={meta.description} />}
        {/* Search engines may show pictures large in results; error pages are not indexed at all. */}
        <meta name="robots" content={meta.noindex ? 'noindex' : 'max-image-preview:large'} />
        {meta.canonicalPath !== undefined && (
          <link rel="canonical" href={site.url + meta.canonicalPath} />
        )}
        {meta.prevPath && <link rel="prev" href={meta.prevPath} />}
        {meta.nextPath && <link rel="next" href={meta.nextPath} />}
        <link rel="stylesheet" href={site.stylesheet} />
        {site.accent && <link rel="stylesheet" href={accentPath(site.accent)} />}
        <link rel="icon" href={site.favicon} type="image/svg+xml" />
        {meta.feeds?.map((feed) => (
          <link
            key={feed.href}
            rel="alternate"
            type={feed.type}
            title={feed.title}
            href={feed.href}
          />
        ))}
        {meta.sharing && (
          <SharingTags
            card={meta.sharing}
            url={meta.canonicalPath === undefined ? undefined : site.url + meta.canonicalPath}
            siteName={site.name}
          />
        )}
        {meta.structuredData?.map((data, index) => (
          <JsonLd key={index} data={data} />
        ))}
        {meta.scripts?.map((src) => (
          <script key={src} src={src} defer />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <TrustedHtml as="header" class="masthead" html={chrome.masthead} />
        {banner && <BreakingBanner banner={banner} timeZone={site.timeZone} />}
        <main id="main" class="wrap">
          {children}
        </main>
        <TrustedHtml as="footer" class="site-footer" html={chrome.footer} />
      </body>
    </html>
  )
}

/** The accent colour's stylesheet: its address names the colour, so it is cached for good. */
export const accentPath = (hex: string): string => `/theme/accent-${hex.replace('#', '')}.css`
