import type { ImageRef } from '../media/media.js'

/** A person who appears in bylines. Staff accounts (a later feature) link to one. */
export interface Author {
  id: string
  slug: string
  name: string
  bio: string
  /** Their photo from the media library, shown on their page and in bylines; absent: none. */
  photo?: ImageRef | null
  /** Their own site, social profiles: shown on their page. Absent: none. */
  links?: AuthorLink[]
}

export interface AuthorLink {
  label: string
  url: string
}

export type AuthorRef = Pick<Author, 'slug' | 'name'>

export const MAX_AUTHOR_NAME_LENGTH = 100
export const MAX_AUTHOR_BIO_LENGTH = 2000

export const MAX_AUTHOR_LINKS = 8
export const MAX_AUTHOR_LINK_LABEL = 60
