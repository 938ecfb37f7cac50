import { isSlug } from '../../text/slug.js'
import { ValidationError } from '../errors.js'

/** A part of the site (News, Politics, …), shown in the navigation in `position` order. */
export interface Section {
  id: string
  slug: string
  name: string
  position: number
}

export type SectionRef = Pick<Section, 'slug' | 'name'>

export const DEFAULT_SECTIONS: readonly string[] = [
  'News',
  'Politics',
  'Features',
  'Arts',
  'Entertainment',
  'Society',
  'Sport',
]

/**
 * Section pages live at the top of the site (`/politics`), so a section slug
 * must not shadow another page. Slugs must also start with a letter, which
 * keeps them apart from the date archive (`/2015/…`).
 */
export const RESERVED_SECTION_SLUGS: ReadonlySet<string> = new Set([
  'admin',
  'api',
  'assets',
  'at-a-glance',
  'authors',
  'comments',
  'feed',
  'feeds',
  'login',
  'logout',
  'media',
  'pages',
  'preview',
  'robots-txt',
  'rss',
  'search',
  'sitemap',
  'sitemaps',
  'static',
  'tags',
  'theme',
  'threads',
  'well-known',
])

export const MAX_SECTION_NAME_LENGTH = 60
export const MAX_SECTION_SLUG_LENGTH = 60

/** Throws a ValidationError unless the slug may name a section. */
export function assertSectionSlug(slug: string): void {
  if (!isSlug(slug, MAX_SECTION_SLUG_LENGTH) || !/^[a-z]/.test(slug)) {
    throw new ValidationError(
      'invalid_section_slug',
      `A section slug is 1–${MAX_SECTION_SLUG_LENGTH} lower-case letters, digits and hyphens, starting with a letter.`,
      { field: 'slug' },
    )
  }
  if (RESERVED_SECTION_SLUGS.has(slug)) {
    throw new ValidationError(
      'reserved_section_slug',
      `"${slug}" is used by another page of the site.`,
      {
        field: 'slug',
      },
    )
  }
}

export function assertSectionName(name: string): void {
  if (name.trim() === '' || name.length > MAX_SECTION_NAME_LENGTH) {
    throw new ValidationError(
      'invalid_section_name',
      `A section name is 1–${MAX_SECTION_NAME_LENGTH} characters.`,
      { field: 'name' },
    )
  }
}
