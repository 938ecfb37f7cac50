import type { Actor } from '../access/policy.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { Stores } from '../unit-of-work.js'
import type { RevisionFields } from './revision.js'
import { assertEditable, visibleArticle } from './article-access.js'
import type { ChangeOutcome } from './article-change.js'
import { resolveInput, type ArticleInput } from './article-input.js'
import { editStep } from './article-steps.js'
import { assertCurrentVersion, commitSteps, type WriteDeps } from './article-writes.js'

/**
 * Brings back an old version's fields as a new version over `baseVersion`, so
 * that history only grows. A section renamed since is found by its old name
 * or left as it is; a slug another article has taken since is not taken back.
 */
export async function restoreArticle(
  tx: Stores,
  deps: WriteDeps,
  {
    actor,
    id,
    version,
    baseVersion,
  }: { actor: Actor; id: string; version: number; baseVersion: number },
): Promise<ChangeOutcome> {
  const before = await visibleArticle(tx, actor, id)
  assertEditable(actor, before)
  await assertCurrentVersion(tx, before, baseVersion)
  const revision = await tx.revisions.find(id, version)
  if (!revision) throw new NotFoundError('revision_not_found', `There is no version ${version}.`)
  const sections = await tx.sections.list()
  const section = sections.find((s) => s.name === revision.fields.section) ?? before.section
  const input: ArticleInput = { ...inputOf(revision.fields), sectionSlug: section.slug }
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
    note: `Restored version ${version}`,
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
