import type { ImageRef } from '../media/media.js'

/** A person who appears in bylines. Staff accounts (a later feature) link to one. */
export interface Author {
  id: string
  slug: string
  name: string
  bio: string
  /** Their photo from the media library, shown on their page and in bylines; absent: none. */
  photo?: ImageRef | null
}

export type AuthorRef = Pick<Author, 'slug' | 'name'>

export const MAX_AUTHOR_NAME_LENGTH = 100
export const MAX_AUTHOR_BIO_LENGTH = 2000
