import { asWrittenText } from '../../text/control-characters.js'
import { isSlug, slugify } from '../../text/slug.js'
import { ValidationError } from '../errors.js'
import { checkedLine, checkedText } from '../typed-field.js'

/**
 * A page of the site that is not news: About, Contact, Privacy, the
 * corrections policy. Written in the article editor, kept with its
 * revisions, and never in feeds, search or the news sitemap.
 */
export interface Page {
  id: string
  slug: string
  title: string
  /** The search result's and sharing card's words; '' for the start of the text. */
  description: string
  /** Markdown, as the article editor writes it. */
  body: string
  published: boolean
  version: number
  createdBy: string | null
  createdAt: Date
  updatedAt: Date
}

/** What a save changes, and what each revision keeps. */
export interface PageFields {
  title: string
  description: string
  body: string
  published: boolean
}

export interface PageRevision {
  id: string
  pageId: string
  version: number
  createdAt: Date
  createdByName: string
  fields: PageFields
}

export type PageRef = Pick<Page, 'slug' | 'title'>

export const PAGE_LIMITS = { title: 150, description: 300, body: 200_000, slug: 80 }

const invalid = (code: string, field: string, message: string) =>
  new ValidationError(code, message, { field })

/** The fields as typed, cleaned; throws a ValidationError naming the field. */
export function checkPageFields(typed: PageFields): PageFields {
  const title = checkedLine(typed.title, {
    field: 'title',
    code: 'invalid_page_title',
    max: PAGE_LIMITS.title,
    required: true,
    message: `A page's title is 1–${PAGE_LIMITS.title} characters.`,
  })
  const description = checkedLine(typed.description, {
    field: 'description',
    code: 'invalid_page_description',
    max: PAGE_LIMITS.description,
    message: `A description has at most ${PAGE_LIMITS.description} characters.`,
  })
  const body = asWrittenText(typed.body).trim()
  if (body === '') throw invalid('empty_page_body', 'body', 'Write the page before saving it.')
  checkedText(body, {
    field: 'body',
    code: 'page_body_too_long',
    max: PAGE_LIMITS.body,
    message: `A page has at most ${PAGE_LIMITS.body} characters.`,
  })
  return { title, description, body, published: typed.published }
}

/** The slug as typed, or made from the title; throws unless it can be a page's address. */
export function pageSlugOf(typed: string, title: string): string {
  const slug = typed.trim() === '' ? slugify(title, PAGE_LIMITS.slug) : typed.trim()
  if (!isSlug(slug, PAGE_LIMITS.slug)) {
    throw invalid(
      'invalid_page_slug',
      'slug',
      `A page's address is 1–${PAGE_LIMITS.slug} lower-case letters, digits and hyphens.`,
    )
  }
  return slug
}

export const fieldsOf = (page: Page): PageFields => ({
  title: page.title,
  description: page.description,
  body: page.body,
  published: page.published,
})
