// The parts of the site that are not news: pages with their revisions, the
// menus, the home page's section blocks and arrangement (placed stories, pins,
// the breaking-news banner) and the site's identity, as export records.
import type { Page } from '../pages/page.js'
import type { SiteIdentity } from '../settings/site-identity.js'
import type { Stores } from '../unit-of-work.js'
import type {
  ExportedBanner,
  ExportedIdentity,
  ExportedMenuItem,
  ExportedPage,
  ExportedPlacement,
} from './export-document.js'

export async function pageOf(stores: Stores, page: Page): Promise<ExportedPage> {
  const revisions = await stores.pages.revisions(page.id)
  return {
    id: page.id,
    slug: page.slug,
    title: page.title,
    description: page.description,
    body: page.body,
    published: page.published,
    version: page.version,
    createdAt: page.createdAt.toISOString(),
    updatedAt: page.updatedAt.toISOString(),
    // The store lists them newest first; the export, like an article's, oldest first.
    revisions: [...revisions].reverse().map((revision) => ({
      version: revision.version,
      createdAt: revision.createdAt.toISOString(),
      createdByName: revision.createdByName,
      fields: { ...revision.fields },
    })),
  }
}

export async function menuItems(stores: Stores): Promise<ExportedMenuItem[]> {
  const entries = await stores.menus.list()
  return entries.map(({ id, menu, position, kind, target, label }) => ({
    id,
    menu,
    position,
    kind,
    target,
    label,
  }))
}

/** Each section's home page block by section id. */
export async function homeBlocks(
  stores: Stores,
): Promise<Map<string, { position: number; shown: boolean }>> {
  const blocks = await stores.frontPage.sectionBlocks()
  return new Map(
    blocks.map((block) => [block.sectionId, { position: block.position, shown: block.shown }]),
  )
}

export function identityOf(identity: SiteIdentity): ExportedIdentity {
  const { name, tagline, logoId, accent, language, timeZone } = identity
  return { name, tagline, logoId, accent, language, timeZone }
}

/** The placed stories in position order, pins with their expiry (expired ones too, as stored). */
export async function placements(stores: Stores): Promise<ExportedPlacement[]> {
  const placed = await stores.frontPage.placements()
  return placed.map((placement) => ({
    articleId: placement.articleId,
    position: placement.position,
    pinnedUntil: placement.pinnedUntil ? placement.pinnedUntil.toISOString() : null,
    placedAt: placement.placedAt.toISOString(),
  }))
}

/** The banner that is up (expired or not): none, or one record. */
export async function banners(stores: Stores): Promise<ExportedBanner[]> {
  const banner = await stores.frontPage.banner()
  if (!banner) return []
  const { text, articleId } = banner
  return [
    {
      text,
      articleId,
      expiresAt: banner.expiresAt.toISOString(),
      raisedAt: banner.raisedAt.toISOString(),
    },
  ]
}
