/** A subject label that groups articles across sections. */
export interface Tag {
  id: string
  slug: string
  name: string
}

export type TagRef = Pick<Tag, 'slug' | 'name'>

export const MAX_TAG_NAME_LENGTH = 60
