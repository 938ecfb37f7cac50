import { NotFoundError } from '../errors.js'
import type { UnitOfWork } from '../unit-of-work.js'
import type { Tag } from './tag.js'

export type TagService = ReturnType<typeof createTagService>

export function createTagService({ stores }: { stores: UnitOfWork }) {
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
  }
}
