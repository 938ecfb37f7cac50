import { NotFoundError } from './errors.js'

/** One page of a longer list, and where it sits in it. */
export interface Paged<T> {
  items: T[]
  page: number
  perPage: number
  total: number
  pageCount: number
}

/** No list is paged further than this: page numbers past it name nothing. */
export const MAX_PAGE = 10_000

/** The rows one page covers, as stores take them. */
export interface PageWindow {
  limit: number
  offset: number
}

/**
 * One page of a list of `total` items: the one place page numbers are
 * checked and turned into a window. A page number that is not a whole number
 * from 1 to MAX_PAGE, or one past the last page, is NotFoundError; page 1 of
 * an empty list is not (it is the list, empty). `list` is not asked for an
 * empty list.
 */
export async function paginate<T>(
  at: { page: number; perPage: number; total: number },
  list: (window: PageWindow) => Promise<T[]> | T[],
): Promise<Paged<T>> {
  const window = pageWindow(at.page, at.perPage)
  // Past the last page is refused before anything is listed.
  const empty = pageOf<T>([], at)
  return at.total === 0 ? empty : { ...empty, items: await list(window) }
}

/**
 * The rows of page `page`, for a store that reads a page and the list's
 * length at once: NotFoundError for a page number that is not a whole number
 * from 1 to MAX_PAGE. pageOf then checks the page against the length.
 */
export function pageWindow(page: number, perPage: number): PageWindow {
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) throw noPage(page)
  return { limit: perPage, offset: (page - 1) * perPage }
}

/** A page's items as a Paged; NotFoundError for a page past the last of `total` items. */
export function pageOf<T>(
  items: T[],
  { page, perPage, total }: { page: number; perPage: number; total: number },
): Paged<T> {
  const pageCount = Math.max(1, Math.ceil(total / perPage))
  if (page > pageCount) throw noPage(page)
  return { items, page, perPage, total, pageCount }
}

function noPage(page: number): NotFoundError {
  return new NotFoundError('page_not_found', `There is no page ${page}.`)
}
