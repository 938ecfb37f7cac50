import type { Actor } from '../access/policy.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { Stores } from '../unit-of-work.js'
import type { Article } from './article.js'
import { correctionsAfter, keepCorrections, type CorrectionEdit } from './restore-corrections.js'
import type { Revision, RevisionFields } from './revision.js'
import { assertEditable, visibleArticle } from './article-access.js'
import type { ChangeOutcome } from './article-change.js'
import { resolveInput, type ArticleInput } from './article-input.js'
import { editStep } from './article-steps.js'
import { assertCurrentVersion, commitSteps, type WriteDeps } from './article-writes.js'

export interface RestoreRequest {
  actor: Actor
  id: string
  version: number
  baseVersion: number
  /**
   * Bring back the old text even where a correction published since changed
   * it. By default what each correction changed is kept.
   */
  dropCorrections?: boolean
}

/** What restoring `version` brings back, and the published corrections it would undo. */
export async function restorePlan(
  stores: Stores,
  article: Article,
  version: number,
): Promise<{ revision: Revision; undone: CorrectionEdit[] }> {
  const revision = await stores.revisions.find(article.id, version)
  if (!revision) throw new NotFoundError('revision_not_found', `There is no version ${version}.`)
  if (article.corrections.length === 0) return { revision, undone: [] }
  const revisions = await stores.revisions.list(article.id)
  return { revision, undone: correctionsAfter(revisions, article.corrections, version) }
}

/**
 * Brings back an old version's fields as a new version over `baseVersion`, so
 * that history only grows. A section renamed since is found by its old name
 * or left as it is; a slug another article has taken since is not taken back.
 */
export async function restoreArticle(
  tx: Stores,
  deps: WriteDeps,
  { actor, id, version, baseVersion, dropCorrections = false }: RestoreRequest,
): Promise<ChangeOutcome> {
  const before = await visibleArticle(tx, actor, id)
  assertEditable(actor, before)
  await assertCurrentVersion(tx, before, baseVersion)
  const { revision, undone } = await restorePlan(tx, before, version)
  const fields = dropCorrections ? revision.fields : keepCorrections(revision.fields, undone)
  const sections = await tx.sections.list()
  const section = sections.find((s) => s.name === fields.section) ?? before.section
  const input: ArticleInput = { ...inputOf(fields), sectionSlug: section.slug }
  // An old version is brought back as it was: an image from elsewhere shows as its description.
  const options = { newId: deps.newId, current: before, foreignImages: 'keep' } as const
  const resolved = await resolveInput(tx, input, options).catch((error: unknown) => {
    // A slug taken since is not taken back; a social image deleted since is not brought back.
    if (error instanceof ValidationError && error.code === 'slug_taken') {
      return resolveInput(tx, { ...input, slug: before.slug }, options)
    }
    if (error instanceof ValidationError && error.field === 'socialImage') {
      return resolveInput(tx, { ...input, socialImageId: undefined }, options)
    }
    throw error
  })
  const step = editStep(before, resolved, {
    now: deps.clock.now(),
    note:
      undone.length === 0
        ? `Restored version ${version}`
        : dropCorrections
          ? `Restored version ${version}, undoing ${undone.length === 1 ? 'a correction' : `${undone.length} corrections`}`
          : `Restored version ${version}, keeping the corrections since`,
  })
  const after = await commitSteps(tx, deps, { before, steps: [step], by: actor })
  return { before, after }
}

/** An old version's fields as the editor would send them; fields it predates are left alone. */
function inputOf(fields: RevisionFields): Omit<ArticleInput, 'sectionSlug'> {
  const { metaTitle, metaDescription, socialTitle, socialDescription, socialImage, ...rest } =
    fields
  return {
    ...rest,
    ...(metaTitle !== undefined && {
      seo: {
        metaTitle,
        metaDescription: metaDescription ?? '',
        socialTitle: socialTitle ?? '',
        socialDescription: socialDescription ?? '',
      },
    }),
    ...(socialImage !== undefined && { socialImageId: socialImage || null }),
  }
}
