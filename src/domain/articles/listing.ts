import type { SectionService } from '../sections/section-service.js'
import type { AuthorService } from '../people/author-service.js'
import type { TagService } from '../tags/tag-service.js'
import type { ImageRef } from '../media/media.js'
import type { PublishedFilter } from './article-store.js'

export type ListingKind = 'home' | 'section' | 'author' | 'tag'

/**
 * A public list of stories: the site's newest, a section's, an author's or a
 * tag's. Its page and its feeds are built from this one definition, so they
 * list the same stories under the same name.
 */
export interface Listing {
  kind: ListingKind
  /** The section's, author's or tag's slug; '' for the home page. */
  slug: string
  /** Its name; '' for the home page, which goes by the site's name. */
  title: string
  /** One line saying what it lists: the feeds' description, and the page's. */
  description: string
  /** Which published articles it lists, newest first. */
  filter: PublishedFilter
  /** An author's biography; '' for none, and for every other kind. */
  bio: string
  /** An author's photo; null for none, and for every other kind. */
  photo: ImageRef | null
}

export type ListingService = ReturnType<typeof createListingService>

/** The listings readers can follow. An unknown section, author or tag is NotFoundError. */
export function createListingService({
  sections,
  authors,
  tags,
  siteName,
}: {
  sections: Pick<SectionService, 'getBySlug'>
  authors: Pick<AuthorService, 'getBySlug'>
  tags: Pick<TagService, 'getBySlug'>
  /** The site's name now (an admin may change it). */
  siteName: () => string
}) {
  return {
    home: (): Listing => ({
      kind: 'home',
      slug: '',
      title: '',
      description: `The latest news from ${siteName()}.`,
      filter: {},
      bio: '',
      photo: null,
    }),

    async section(slug: string): Promise<Listing> {
      const section = await sections.getBySlug(slug)
      return {
        kind: 'section',
        slug: section.slug,
        title: section.name,
        description: `The latest ${section.name} stories.`,
        filter: { sectionId: section.id },
        bio: '',
        photo: null,
      }
    },

    async author(slug: string): Promise<Listing> {
      const author = await authors.getBySlug(slug)
      return {
        kind: 'author',
        slug: author.slug,
        title: author.name,
        description: `Stories by ${author.name}.`,
        filter: { authorId: author.id },
        bio: author.bio,
        photo: author.photo ?? null,
      }
    },

    async tag(slug: string): Promise<Listing> {
      const tag = await tags.getBySlug(slug)
      return {
        kind: 'tag',
        slug: tag.slug,
        title: tag.name,
        description: `Stories about ${tag.name}.`,
        filter: { tagId: tag.id },
        bio: '',
        photo: null,
      }
    },
  }
}
