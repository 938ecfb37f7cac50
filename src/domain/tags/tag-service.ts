import { asWrittenLine } from '../../text/control-characters.js'
import { slugify } from '../../text/slug.js'
import { authorize, type Actor } from '../access/policy.js'
import { recordAudit } from '../audit/record-audit.js'
import type { ContentChanges } from '../changes.js'
import type { Clock } from '../clock.js'
import { ConflictError, NotFoundError, ValidationError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import { paginate, type Paged } from '../paging.js'
import { listingMoves, saveRedirects } from '../redirects/save-redirects.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { MAX_TAG_NAME_LENGTH, type Tag } from './tag.js'

export type TagService = ReturnType<typeof createTagService>

export function createTagService({
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
  return {
    /** The tag with this slug; throws NotFoundError when there is none. */
    async getBySlug(slug: string): Promise<Tag> {
      const tag = await stores.tags.findBySlug(slug)
      if (!tag) throw new NotFoundError('tag_not_found', `There is no tag "${slug}".`)
      return tag
    },

    /**
     * Every tag by slug, a page at a time, for whoever writes articles (tags
     * are typed freely in the editor, so their names are no one's secret).
     */
    async list(page: number, perPage: number): Promise<{ items: Tag[]; more: boolean }> {
      const found = await stores.tags.list({ limit: perPage + 1, offset: (page - 1) * perPage })
      return { items: found.slice(0, perPage), more: found.length > perPage }
    },

    /** One tag with its number of articles, for the newsroom. */
    async getCounted(actor: Actor, slug: string): Promise<Tag & { articles: number }> {
      authorize(actor, 'articles:edit-any')
      const tag = await stores.tags.findCounted(slug)
      if (!tag) throw new NotFoundError('tag_not_found', `There is no tag "${slug}".`)
      return tag
    },

    /**
     * The newsroom's view of the tags: a page of them by slug, those whose
     * slug starts as the typed words would, each with its number of articles.
     */
    async listCounted(
      actor: Actor,
      { query, page, perPage }: { query: string; page: number; perPage: number },
    ): Promise<Paged<Tag & { articles: number }>> {
      authorize(actor, 'articles:edit-any')
      const slugPrefix = slugify(asWrittenLine(query))
      const total = await stores.tags.count(slugPrefix)
      return paginate({ page, perPage, total }, (window) =>
        stores.tags.listCounted({ slugPrefix, ...window }),
      )
    },

    /**
     * Renames a tag on every article it is on; its slug, and so its address,
     * stays. Whoever may edit any article may do it (it changes them all). A
     * name another tag answers to is refused: writers typing it would get
     * that tag, not this one.
     */
    async rename(actor: Actor, slug: string, typed: string): Promise<Tag> {
      authorize(actor, 'articles:edit-any')
      const name = asWrittenLine(typed).trim()
      if (slugify(name) === '' || name.length > MAX_TAG_NAME_LENGTH) {
        throw new ValidationError(
          'invalid_tag_name',
          `A tag's name is 1–${MAX_TAG_NAME_LENGTH} characters, with a letter or digit.`,
          { field: 'name' },
        )
      }
      const renamed = await stores.transaction(async (tx) => {
        const tag = await tx.tags.findBySlug(slug)
        if (!tag) throw new NotFoundError('tag_not_found', `There is no tag "${slug}".`)
        const other = await tx.tags.findBySlug(slugify(name))
        if (other && other.id !== tag.id) {
          throw new ConflictError('tag_name_taken', `The tag "${other.name}" has that name.`, {
            field: 'name',
          })
        }
        await tx.tags.rename(tag.id, name)
        await tx.tags.refreshSearchTags(await tx.tags.articleIds(tag.id))
        await recordAudit(
          tx.audit,
          { clock, newId },
          {
            actor,
            action: 'tag_renamed',
            subject: tag.name,
            details: `→ ${name}`,
          },
        )
        return { ...tag, name }
      })
      // Tags are shown on article pages and listings.
      await changes.announce({ scope: 'site' })
      return renamed
    },

    /**
     * Merges a duplicate tag ("Climate change" and "Climate-change") into the
     * one it should have been: its articles move, its page and feeds redirect
     * to the other's, and it is deleted. `into` is the other tag's name or slug.
     */
    async merge(
      actor: Actor,
      fromSlug: string,
      into: string,
    ): Promise<{ into: Tag; articles: number }> {
      authorize(actor, 'articles:edit-any')
      const intoSlug = slugify(asWrittenLine(into))
      if (intoSlug === fromSlug) {
        throw new ValidationError(
          'same_tag',
          'Choose another tag: a tag cannot be merged into itself.',
          {
            field: 'into',
          },
        )
      }
      const result = await stores.transaction(async (tx) => {
        const [from, target] = await Promise.all([
          tx.tags.findBySlug(fromSlug),
          intoSlug === '' ? undefined : tx.tags.findBySlug(intoSlug),
        ])
        if (!from) throw new NotFoundError('tag_not_found', `There is no tag "${fromSlug}".`)
        if (!target) {
          throw new ValidationError(
            'tag_not_found',
            `There is no tag "${into.trim()}" to merge into.`,
            {
              field: 'into',
            },
          )
        }
        const articleIds = await tx.tags.mergeInto(from.id, target.id)
        await tx.tags.refreshSearchTags(articleIds)
        await saveRedirects(
          tx,
          clock,
          listingMoves(`/tags/${from.slug}`, `/tags/${target.slug}`),
          'tag',
        )
        await recordAudit(
          tx.audit,
          { clock, newId },
          {
            actor,
            action: 'tags_merged',
            subject: `${from.name} → ${target.name}`,
            details: `${articleIds.length} articles; /tags/${from.slug} redirects to /tags/${target.slug}`,
          },
        )
        return { into: target, articles: articleIds.length }
      })
      await changes.announce({ scope: 'site' })
      await changes.announce({ scope: 'redirects' })
      return result
    },
  }
}
