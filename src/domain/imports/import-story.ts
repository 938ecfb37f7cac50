// One story from another platform's export, in the two steps the site import
// takes: prepared outside the transaction (pictures into the library, the
// section chosen), then written in its own savepoint (the article, its old
// addresses as redirects, the comments not yet on the site).
import { articlePath } from '../../text/article-path.js'
import type { ImportStory } from '../../text/import/import-item.js'
import { writeImportedStory, type ImportedStory } from '../articles/item-import.js'
import { rememberResolved, type KnownRecords } from '../articles/article-input.js'
import type { WriteDeps } from '../articles/article-writes.js'
import { DomainError } from '../errors.js'
import type { Stores } from '../unit-of-work.js'
import { newCommentsOf, type CommentEntry } from './import-comments.js'
import type { ImageImport } from './import-images.js'
import { importRedirects } from './import-redirects.js'
import type { SectionChooser } from './import-sections.js'

export interface ItemOutcome {
  /** The item's name in the source: "post 9 "Harbour tolls…"". */
  name: string
  action: 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed'
  /** The article's id and status, for an article written. */
  article?: { id: string; slug: string; status: string; path: string }
  /** Why it failed or was skipped, or what was not kept. */
  problems: string[]
}

/** A story written: its outcome, the redirects saved and the comments to add after the commit. */
export interface StoryWritten {
  outcome: ItemOutcome
  redirects: number
  comments: CommentEntry[]
}

/** Pictures into the library, section chosen: everything a story needs before its transaction. */
export async function prepareStory(
  item: ImportStory,
  {
    images,
    sections,
    defaultSection,
  }: {
    images: ImageImport
    sections: SectionChooser
    defaultSection: string
  },
): Promise<ImportedStory> {
  const addresses: string[] = []
  for (const image of item.images) {
    const outcome = await images.imageFor(image, item.warnings)
    // A picture not (yet) in the library keeps its source address, shown as its description.
    addresses.push('id' in outcome ? `media:${outcome.id}` : image.source)
  }
  const body = item.body.replace(
    /\]\(import-image:(\d+)\)/g,
    (_all, index: string) => `](${addresses[Number(index)] ?? ''})`,
  )
  const lead = item.featuredImage && (await images.imageFor(item.featuredImage, item.warnings))
  let sectionSlug = defaultSection
  try {
    sectionSlug = await sections.sectionFor(item.sectionNames, item.warnings)
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    item.warnings.push(`Filed in ${sectionSlug}: ${error.message}`)
  }
  return { ...item, sectionSlug, body, leadImageId: lead && 'id' in lead ? lead.id : null }
}

/** Writes one prepared story in `unit` (a savepoint); a DomainError is the story's failure alone. */
export async function writeStory(
  unit: <R>(fn: (stores: Stores) => Promise<R>) => Promise<R>,
  deps: WriteDeps & { timeZone: string },
  item: ImportStory,
  story: ImportedStory,
  known?: KnownRecords,
): Promise<StoryWritten> {
  try {
    const written = await unit(async (tx) => {
      const write = await writeImportedStory(tx, deps, story, known)
      const problems = [...item.warnings, ...write.warnings]
      const { article } = write
      const path = articlePath(article, deps.timeZone)
      const redirects = await importRedirects(tx, deps.clock, {
        article,
        to: path,
        oldAddresses: item.oldAddresses,
        problems,
      })
      const comments = await newCommentsOf(
        tx,
        { sourceKey: item.sourceKey, articleId: article.id, comments: item.comments },
        problems,
      )
      const about = { id: article.id, slug: article.slug, status: article.status, path }
      return {
        outcome: { name: item.name, action: write.action, article: about, problems },
        redirects,
        comments,
        article,
      }
    })
    // Its savepoint released: its section and authors are there for the next stories.
    if (known) rememberResolved(known, written.article)
    return { outcome: written.outcome, redirects: written.redirects, comments: written.comments }
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    return {
      outcome: { name: item.name, action: 'failed', problems: [error.message] },
      redirects: 0,
      comments: [],
    }
  }
}
