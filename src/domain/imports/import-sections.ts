// Which section an imported story goes in: the first of its categories (or
// its primary tag) that the section map names; else the first one, as a
// section of that name (made when the site has none); else the default.
import { slugify } from '../../text/slug.js'
import { IMPORTER } from '../access/policy.js'
import type { SectionService } from '../sections/section-service.js'
import type { Stores } from '../unit-of-work.js'

export function createSectionChooser({
  stores,
  sections,
  sectionMap,
  defaultSection,
}: {
  stores: Stores
  sections: SectionService
  /** Source category or tag (its name or slug, any case) → section slug. */
  sectionMap: ReadonlyMap<string, string>
  defaultSection: string
}) {
  const map = new Map([...sectionMap].map(([from, to]) => [from.trim().toLowerCase(), to]))
  const made = new Map<string, string>()

  async function sectionNamed(name: string): Promise<string> {
    const slug = slugify(name)
    const cached = made.get(slug)
    if (cached) return cached
    const existing = await stores.sections.findBySlug(slug)
    const chosen = existing ? existing.slug : (await sections.create(IMPORTER, { name, slug })).slug
    made.set(slug, chosen)
    return chosen
  }

  return {
    async sectionFor(names: readonly string[]): Promise<string> {
      for (const name of names) {
        const mapped = map.get(name.trim().toLowerCase()) ?? map.get(slugify(name))
        if (mapped) return mapped
      }
      const [first] = names
      return first !== undefined && slugify(first) !== '' ? sectionNamed(first) : defaultSection
    },
  }
}
