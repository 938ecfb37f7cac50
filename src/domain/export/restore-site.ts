// What is left once the articles are in: story threads, redirects, pages with
// their revisions, the menus, the front page (placed stories with their pins,
// the breaking-news banner) and the site's settings (comments, identity).
import { COMMENTS } from '../settings/settings-service.js'
import { IDENTITY } from '../settings/site-identity-service.js'
import type { Stores } from '../unit-of-work.js'
import type { ExportDocument, ExportedPage } from './export-document.js'
import type { RestoreDeps, RestoredIds } from './restore-catalogue.js'

export async function restoreThreads(
  tx: Stores,
  deps: RestoreDeps,
  document: ExportDocument,
  ids: RestoredIds,
): Promise<void> {
  const now = deps.clock.now()
  for (const thread of document.threads) {
    const same = await tx.threads.findBySlug(thread.slug)
    const id = same?.id ?? thread.id
    const { title, description } = thread
    if (same) await tx.threads.update(id, { title, description, updatedAt: now })
    else {
      const fields = { id, slug: thread.slug, title, description, createdBy: null }
      await tx.threads.insert({ ...fields, createdAt: now, updatedAt: now })
    }
    const members = thread.articleIds.map((article) => ids.articles.get(article) ?? article)
    await tx.threads.setArticleIds(id, members)
  }
}

export async function restoreRedirects(
  tx: Stores,
  deps: RestoreDeps,
  document: ExportDocument,
): Promise<void> {
  const now = deps.clock.now()
  for (const { from, to, source } of document.redirects) {
    await tx.redirects.save({ from, to, source, createdAt: now, updatedAt: now })
  }
}

async function restorePage(
  tx: Stores,
  deps: RestoreDeps,
  page: ExportedPage,
  ids: RestoredIds,
): Promise<void> {
  const same = (await tx.pages.findById(page.id)) ?? (await tx.pages.findBySlug(page.slug))
  const id = same?.id ?? page.id
  const { slug, title, description, body, published, version } = page
  const fields = { id, slug, title, description, body, published, version, createdBy: null }
  const written = {
    ...fields,
    createdAt: new Date(page.createdAt),
    updatedAt: new Date(page.updatedAt),
  }
  if (!same) await tx.pages.insert(written)
  else if (same.version !== version || same.updatedAt.getTime() !== written.updatedAt.getTime()) {
    await tx.pages.update(written, same.version)
  }
  for (const revision of page.revisions) {
    if (await tx.pages.findRevision(id, revision.version)) continue
    await tx.pages.insertRevision({
      id: deps.newId(),
      pageId: id,
      version: revision.version,
      createdAt: new Date(revision.createdAt),
      createdByName: revision.createdByName,
      fields: revision.fields,
      createdBy: null,
    })
  }
  ids.pages.set(page.id, id)
}

export async function restorePages(
  tx: Stores,
  deps: RestoreDeps,
  document: ExportDocument,
  ids: RestoredIds,
): Promise<void> {
  for (const page of document.pages ?? []) await restorePage(tx, deps, page, ids)
}

/** The menus as the export has them: the site's items replaced by the export's. */
export async function restoreMenus(
  tx: Stores,
  document: ExportDocument,
  ids: RestoredIds,
): Promise<void> {
  if (!document.menus) return
  for (const entry of await tx.menus.list()) await tx.menus.remove(entry.id)
  for (const item of document.menus) {
    const target =
      item.kind === 'section'
        ? ids.sections.get(item.target)
        : item.kind === 'page'
          ? ids.pages.get(item.target)
          : item.target
    await tx.menus.insert({ ...item, target: target ?? item.target })
  }
}

export async function restoreSettings(
  tx: Stores,
  document: ExportDocument,
  ids: RestoredIds,
): Promise<void> {
  await tx.settings.set(COMMENTS, JSON.stringify(document.settings.comments))
  const identity = document.settings.identity
  if (!identity) return
  const logoId = identity.logoId === null ? null : (ids.media.get(identity.logoId) ?? null)
  await tx.settings.set(IDENTITY, JSON.stringify({ ...identity, logoId }))
  await tx.media.setUsages({ kind: 'site_logo', ownerId: 'site' }, logoId ? [logoId] : [])
}

/**
 * The front page as the export has it: the placed stories (pins keep their
 * expiry, so a pin that has run out stays out) and the banner, or none. An
 * export made before the front page was kept leaves the site's alone.
 */
export async function restoreFrontPage(
  tx: Stores,
  document: ExportDocument,
  ids: RestoredIds,
): Promise<void> {
  const articleId = (id: string) => ids.articles.get(id) ?? id
  if (document.placements) {
    await tx.frontPage.replacePlacements(
      document.placements.map((placement) => ({
        articleId: articleId(placement.articleId),
        position: placement.position,
        pinnedUntil: placement.pinnedUntil === null ? null : new Date(placement.pinnedUntil),
        placedAt: new Date(placement.placedAt),
      })),
    )
  }
  if (!document.banners) return
  const [banner] = document.banners
  await tx.frontPage.setBanner(
    banner
      ? {
          text: banner.text,
          articleId: banner.articleId === null ? null : articleId(banner.articleId),
          expiresAt: new Date(banner.expiresAt),
          raisedAt: new Date(banner.raisedAt),
        }
      : null,
  )
}
