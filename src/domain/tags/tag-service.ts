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
  }
}
