// What must hold before anything of an export is written: every reference in
// the document points at a record in it, so that a restore never stops half
// way through for a reason the document itself already showed.
import type { ExportDocument } from './export-document.js'
import { MAX_PLACED } from '../front-page/front-page.js'

const articleName = (article: { slug: string; id: string }) => `article "${article.slug}"`

function checkArticles(document: ExportDocument, problems: string[]): void {
  const sections = new Set(document.sections.map((section) => section.slug))
  const authors = new Set(document.authors.map((author) => author.id))
  const tags = new Set(document.tags.map((tag) => tag.id))
  const media = new Set(document.media.map((item) => item.id))
  for (const article of document.articles) {
    const name = articleName(article)
    if (!sections.has(article.section)) {
      problems.push(`${name}: its section "${article.section}" is not among the sections`)
    }
    for (const id of article.bylines) {
      if (!authors.has(id)) problems.push(`${name}: byline ${id} is not among the authors`)
    }
    for (const id of article.tags) {
      if (!tags.has(id)) problems.push(`${name}: tag ${id} is not among the tags`)
    }
    for (const id of [article.leadImageId, article.socialImageId]) {
      if (id !== null && !media.has(id)) problems.push(`${name}: image ${id} is not in the media`)
    }
    const comments = new Set(article.comments.map((comment) => comment.id))
    for (const comment of article.comments) {
      if (comment.parentId !== null && !comments.has(comment.parentId)) {
        problems.push(
          `${name}: comment ${comment.id} answers ${comment.parentId}, not among its comments`,
        )
      }
    }
  }
}

function checkOthers(document: ExportDocument, problems: string[]): void {
  const media = new Set(document.media.map((item) => item.id))
  const articles = new Set(document.articles.map((article) => article.id))
  const sections = new Set(document.sections.map((section) => section.id))
  const pages = new Set((document.pages ?? []).map((page) => page.id))
  for (const author of document.authors) {
    if (author.photoId !== null && !media.has(author.photoId)) {
      problems.push(`author "${author.slug}": photo ${author.photoId} is not in the media`)
    }
  }
  for (const thread of document.threads) {
    for (const id of thread.articleIds) {
      if (!articles.has(id)) problems.push(`thread "${thread.slug}": article ${id} is not there`)
    }
  }
  for (const item of document.menus ?? []) {
    const known = item.kind === 'section' ? sections : item.kind === 'page' ? pages : undefined
    if (known && !known.has(item.target)) {
      problems.push(
        `${item.menu} menu item ${item.id}: its ${item.kind} ${item.target} is not there`,
      )
    }
  }
  const logo = document.settings.identity?.logoId
  if (logo && !media.has(logo)) problems.push(`site identity: logo ${logo} is not in the media`)
}

function checkUnique(document: ExportDocument, problems: string[]): void {
  const collections: Array<[string, Array<{ id: string; slug?: string }>]> = [
    ['section', document.sections],
    ['author', document.authors],
    ['tag', document.tags],
    ['media item', document.media],
    ['article', document.articles],
    ['thread', document.threads],
    ['page', document.pages ?? []],
  ]
  for (const [label, records] of collections) {
    const ids = new Set<string>()
    const slugs = new Set<string>()
    for (const record of records) {
      if (ids.has(record.id)) problems.push(`${label} ${record.id} appears twice`)
      if (record.slug !== undefined && slugs.has(record.slug)) {
        problems.push(`${label} "${record.slug}": the slug appears twice`)
      }
      ids.add(record.id)
      if (record.slug !== undefined) slugs.add(record.slug)
    }
  }
}

/** The front page: placed stories and the banner's story among the articles, each place once. */
function checkFrontPage(document: ExportDocument, problems: string[]): void {
  const articles = new Set(document.articles.map((article) => article.id))
  const positions = new Set<number>()
  const placed = new Set<string>()
  for (const placement of document.placements ?? []) {
    const name = `front page position ${placement.position}`
    if (!articles.has(placement.articleId)) {
      problems.push(`${name}: article ${placement.articleId} is not there`)
    }
    if (positions.has(placement.position)) problems.push(`${name} is given twice`)
    if (placed.has(placement.articleId)) {
      problems.push(`${name}: article ${placement.articleId} is placed twice`)
    }
    if (placement.position >= MAX_PLACED) {
      problems.push(`${name}: the front page has ${MAX_PLACED} places (0 to ${MAX_PLACED - 1})`)
    }
    positions.add(placement.position)
    placed.add(placement.articleId)
  }
  for (const banner of document.banners ?? []) {
    if (banner.articleId !== null && !articles.has(banner.articleId)) {
      problems.push(`breaking-news banner: article ${banner.articleId} is not there`)
    }
  }
}

/** Every broken reference and repeated identity in the document, each naming its item. */
export function documentProblems(document: ExportDocument): string[] {
  const problems: string[] = []
  checkUnique(document, problems)
  checkArticles(document, problems)
  checkOthers(document, problems)
  checkFrontPage(document, problems)
  return problems
}
