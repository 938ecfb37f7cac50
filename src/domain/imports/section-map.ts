import { isSlug } from '../../text/slug.js'

/** Source categories and tags (compared without case) → section slugs, as the map file gives them. */
export interface SectionMap {
  entries: ReadonlyMap<string, { slug: string; line: number }>
}

export const EMPTY_SECTION_MAP: SectionMap = { entries: new Map() }

export type SectionMapResult =
  { ok: true; map: SectionMap } | { ok: false; line: number; problem: string }

/**
 * Reads a section map: one `Source category = section-slug` a line; blank
 * lines and lines starting with `#` are skipped. The first bad line is reported
 * with its number.
 */
export function parseSectionMap(text: string): SectionMapResult {
  const entries = new Map<string, { slug: string; line: number }>()
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/)
  for (const [index, raw] of lines.entries()) {
    const line = index + 1
    const trimmed = raw.trim()
    if (trimmed === '' || trimmed.startsWith('#')) continue
    const equals = trimmed.lastIndexOf('=')
    if (equals < 0) {
      return { ok: false, line, problem: 'expected "Source category = section-slug"' }
    }
    const source = trimmed.slice(0, equals).trim()
    const slug = trimmed.slice(equals + 1).trim()
    if (source === '') return { ok: false, line, problem: 'the source category is empty' }
    if (!isSlug(slug)) {
      return {
        ok: false,
        line,
        problem: `"${slug}" is not a section slug (lower-case letters, digits and hyphens)`,
      }
    }
    const key = source.toLowerCase()
    const earlier = entries.get(key)
    if (earlier && earlier.slug !== slug) {
      return {
        ok: false,
        line,
        problem: `"${source}" is already mapped to "${earlier.slug}" on line ${earlier.line}`,
      }
    }
    entries.set(key, { slug, line })
  }
  return { ok: true, map: { entries } }
}

/** The section for an item: the first of its categories the map names, else the default. */
export function sectionFor(
  categories: readonly string[],
  map: SectionMap,
  defaultSlug: string,
): string {
  for (const category of categories) {
    const mapped = map.entries.get(category.trim().toLowerCase())
    if (mapped) return mapped.slug
  }
  return defaultSlug
}
