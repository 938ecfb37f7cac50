import type { ArticleStatus } from './article.js'

/** The fields of an article as one save left them. */
export interface RevisionFields {
  slug: string
  headline: string
  standfirst: string
  dateline: string
  body: string
  keyPoints: string[]
  section: string
  bylines: string[]
  tags: string[]
  status: ArticleStatus
  // The search and sharing fields: absent in versions saved before they existed.
  metaTitle?: string
  metaDescription?: string
  socialTitle?: string
  socialDescription?: string
  /** The social image's id, '' for the default. */
  socialImage?: string
}

export interface Revision {
  id: string
  articleId: string
  version: number
  createdAt: Date
  /** Who saved it: a user's name, or "Import", "Scheduler". */
  createdByName: string
  note: string
  fields: RevisionFields
}

export interface RevisionStore {
  /** Adds revisions in one statement: a save and a move made together are two versions. */
  insert(revisions: readonly (Revision & { createdBy: string | null })[]): Promise<void>
  list(articleId: string): Promise<Revision[]>
  find(articleId: string, version: number): Promise<Revision | undefined>
}

export const REVISION_FIELD_LABELS: Record<keyof RevisionFields, string> = {
  slug: 'Slug',
  headline: 'Headline',
  standfirst: 'Standfirst',
  dateline: 'Dateline',
  body: 'Body',
  keyPoints: 'At a glance',
  section: 'Section',
  bylines: 'Bylines',
  tags: 'Tags',
  status: 'Status',
  metaTitle: 'Meta title',
  metaDescription: 'Meta description',
  socialTitle: 'Social title',
  socialDescription: 'Social description',
  socialImage: 'Social image',
}
