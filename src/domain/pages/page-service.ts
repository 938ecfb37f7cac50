import { authorize, type Actor } from '../access/policy.js'
import { recordAudit } from '../audit/record-audit.js'
import type { ContentChanges } from '../changes.js'
import type { Clock } from '../clock.js'
import { ConflictError, NotFoundError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import { imageReferences } from '../../text/markdown.js'
import { isId } from '../ids.js'
import { imageRefOf, type ImageRef } from '../media/media.js'
import type { Stores, UnitOfWork } from '../unit-of-work.js'
import {
  checkPageFields,
  fieldsOf,
  pageSlugOf,
  type Page,
  type PageFields,
  type PageRevision,
} from './page.js'

export type PageService = ReturnType<typeof createPageService>

/** A page as readers get it: with the pictures its text names (a deleted one is left out). */
export type PublishedPage = Page & { images: ImageRef[] }

const notFound = () => new NotFoundError('page_not_found', 'There is no such page.')

export function createPageService({
  stores,
  clock,
  newId,
  changes,
}: {
  stores: UnitOfWork
  clock: Clock
  newId: IdGenerator
  changes: ContentChanges
}) {
  const audited = { clock, newId }

  async function find(tx: Stores, id: string): Promise<Page> {
    const page = await tx.pages.findById(id)
    if (!page) throw notFound()
    return page
  }

  /** One version more: the page written and its revision kept, in the caller's transaction. */
  async function write(tx: Stores, actor: Actor, page: Page, fields: PageFields): Promise<Page> {
    const next: Page = { ...page, ...fields, version: page.version + 1, updatedAt: clock.now() }
    if (!(await tx.pages.update(next, page.version))) throw staleEdit()
    await keepRevision(tx, actor, next)
    return next
  }

  async function keepRevision(tx: Stores, actor: Actor, page: Page): Promise<void> {
    await tx.pages.insertRevision({
      id: newId(),
      pageId: page.id,
      version: page.version,
      createdAt: page.updatedAt,
      createdBy: actor.id,
      createdByName: actor.displayName,
      fields: fieldsOf(page),
    })
  }

  /** The pages with their library pictures, looked up in one read. */
  async function withImages(pages: readonly Page[]): Promise<PublishedPage[]> {
    const ids = [...new Set(pages.flatMap((page) => imageReferences(page.body).library))].filter(
      isId,
    )
    const byId = new Map(
      (ids.length > 0 ? await stores.media.findByIds(ids) : []).map((item) => [item.id, item]),
    )
    return pages.map((page) => ({
      ...page,
      images: imageReferences(page.body)
        .library.flatMap((id) => byId.get(id) ?? [])
        .map(imageRefOf),
    }))
  }

  return {
    /** Every page, for the newsroom. */
    async list(actor: Actor): Promise<Page[]> {
      authorize(actor, 'pages:manage')
      return stores.pages.list()
    },

    /** A page and its revisions, newest first, for the newsroom. */
    async get(actor: Actor, id: string): Promise<{ page: Page; revisions: PageRevision[] }> {
      authorize(actor, 'pages:manage')
      const page = await find(stores, id)
      return { page, revisions: await stores.pages.revisions(id) }
    },

    /**
     * A published page, for readers, with the library pictures its text shows;
     * a page still being written is not found.
     */
    async published(slug: string): Promise<PublishedPage> {
      const page = await stores.pages.findBySlug(slug)
      if (!page?.published) throw notFound()
      const [shown] = await withImages([page])
      return shown ?? { ...page, images: [] }
    },

    /** For the sitemap (never the news sitemap or the feeds). */
    listPublished: (): Promise<Page[]> => stores.pages.listPublished(),

    /** Every published page with the library pictures its text shows (the Content API's list). */
    listPublishedWithImages: async (): Promise<PublishedPage[]> =>
      withImages(await stores.pages.listPublished()),

    async create(actor: Actor, typed: PageFields & { slug: string }): Promise<Page> {
      authorize(actor, 'pages:manage')
      const fields = checkPageFields(typed)
      const slug = pageSlugOf(typed.slug, fields.title)
      const now = clock.now()
      const page: Page = {
        id: newId(),
        slug,
        ...fields,
        version: 1,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      }
      await stores.transaction(async (tx) => {
        if (await tx.pages.findBySlug(slug)) {
          throw new ConflictError('page_slug_taken', `There is already a page at /pages/${slug}.`, {
            field: 'slug',
          })
        }
        await tx.pages.insert(page)
        await keepRevision(tx, actor, page)
        await recordAudit(tx.audit, audited, {
          actor,
          action: 'page_created',
          subject: page.title,
          details: `/pages/${slug}`,
        })
      })
      await changes.announce({ scope: 'site' })
      return page
    },

    /** Saves the page as typed, if no one saved it since `baseVersion`. */
    async save(actor: Actor, id: string, baseVersion: number, typed: PageFields): Promise<Page> {
      authorize(actor, 'pages:manage')
      const fields = checkPageFields(typed)
      const saved = await stores.transaction(async (tx) => {
        const page = await find(tx, id)
        if (page.version !== baseVersion) throw staleEdit()
        const next = await write(tx, actor, page, fields)
        await recordAudit(tx.audit, audited, {
          actor,
          action: 'page_saved',
          subject: next.title,
          details: `version ${next.version}${next.published ? '' : ' (not published)'}`,
        })
        return next
      })
      await changes.announce({ scope: 'site' })
      return saved
    },

    /** Brings back an earlier version's text, as a new version (the history keeps both). */
    async restore(actor: Actor, id: string, version: number): Promise<Page> {
      authorize(actor, 'pages:manage')
      const restored = await stores.transaction(async (tx) => {
        const page = await find(tx, id)
        const revision = await tx.pages.findRevision(id, version)
        if (!revision) {
          throw new NotFoundError('revision_not_found', `This page has no version ${version}.`)
        }
        const next = await write(tx, actor, page, revision.fields)
        await recordAudit(tx.audit, audited, {
          actor,
          action: 'page_restored',
          subject: next.title,
          details: `version ${version} as version ${next.version}`,
        })
        return next
      })
      await changes.announce({ scope: 'site' })
      return restored
    },

    /** Deletes the page, its revisions and its places in the menus. */
    async remove(actor: Actor, id: string): Promise<void> {
      authorize(actor, 'pages:manage')
      await stores.transaction(async (tx) => {
        const page = await find(tx, id)
        await tx.menus.removeTarget('page', id)
        await tx.pages.remove(id)
        await recordAudit(tx.audit, audited, {
          actor,
          action: 'page_deleted',
          subject: page.title,
          details: `/pages/${page.slug}`,
        })
      })
      await changes.announce({ scope: 'site' })
    },
  }
}

function staleEdit(): ConflictError {
  return new ConflictError(
    'stale_version',
    'Someone saved this page while you were editing it. Your text is below: copy what you need, then reload.',
  )
}
