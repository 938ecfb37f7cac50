import { slugify } from '../../text/slug.js'
import { NotFoundError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { assertSectionName, assertSectionSlug, DEFAULT_SECTIONS, type Section } from './section.js'

export type SectionService = ReturnType<typeof createSectionService>

export function createSectionService({
  stores,
  newId,
}: {
  stores: UnitOfWork
  newId: IdGenerator
}) {
  return {
    /** Sections in navigation order. */
    list: (): Promise<Section[]> => stores.sections.list(),

    /** The section with this slug; throws NotFoundError when there is none. */
    async getBySlug(slug: string): Promise<Section> {
      const section = await stores.sections.findBySlug(slug)
      if (!section) throw new NotFoundError('section_not_found', `There is no section "${slug}".`)
      return section
    },

    /** Creates the default sections when the site has none; returns how many were created. */
    async ensureDefaults(): Promise<number> {
      return stores.transaction(async (tx) => {
        if ((await tx.sections.list()).length > 0) return 0
        for (const [position, name] of DEFAULT_SECTIONS.entries()) {
          const slug = slugify(name)
          assertSectionSlug(slug)
          assertSectionName(name)
          await tx.sections.insert({ id: newId(), slug, name, position })
        }
        return DEFAULT_SECTIONS.length
      })
    },
  }
}
