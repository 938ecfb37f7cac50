// Which section an imported story goes in: the first of its categories (or
// its primary tag) that the section map names; else the first one, as a
// section of that name (made when the site has none; a dry run only says it
// would be, and files the story in the default); else the default.
import { slugify } from '../../text/slug.js'
import { IMPORTER } from '../access/policy.js'
import type { SectionService } from '../sections/section-service.js'
import type { Stores } from '../unit-of-work.js'

export function createSectionChooser({
  stores,
  sections,
  sectionMap,
  defaultSection,
  dryRun = false,
}: {
  stores: Stores
  sections: SectionService
  /** Source category or tag (its name or slug, any case) → section slug. */
  sectionMap: ReadonlyMap<string, string>
  defaultSection: string
  dryRun?: boolean
}) {
  const map = new Map([...sectionMap].map(([from, to]) => [from.trim().toLowerCase(), to]))
  const made = new Map<string, string>()

  async function sectionNamed(name: string, warnings: string[]): Promise<string> {
    const slug = slugify(name)
    const cached = made.get(slug)
    if (cached) return cached
    const existing = await stores.sections.findBySlug(slug)
    if (!existing && dryRun) {
      warnings.push(`The section "${name}" would be created for it.`)
      return defaultSection
    }
    const chosen = existing ? existing.slug : (await sections.create(IMPORTER, { name, slug })).slug
    made.set(slug, chosen)
    return chosen
  }

  return {
    async sectionFor(names: readonly string[], warnings: string[]): Promise<string> {
      for (const name of names) {
        const mapped = map.get(name.trim().toLowerCase()) ?? map.get(slugify(name))
        if (mapped) return mapped
      }
      const [first] = names
      return first !== undefined && slugify(first) !== ''
        ? sectionNamed(first, warnings)
        : defaultSection
    },
  }
}

export type SectionChooser = ReturnType<typeof createSectionChooser>
