import { authorize, type Actor } from '../access/policy.js'
import { recordAudit } from '../audit/record-audit.js'
import type { ContentChanges } from '../changes.js'
import type { Clock } from '../clock.js'
import { NotFoundError, ValidationError } from '../errors.js'
import { findOrCreateNamed } from '../find-or-create-named.js'
import type { IdGenerator } from '../ids.js'
import { listingMoves, saveRedirects } from '../redirects/save-redirects.js'
import type { Stores, UnitOfWork } from '../unit-of-work.js'
import { assertUsableImage } from '../media/media.js'
import { MAX_AUTHOR_NAME_LENGTH, type Author } from './author.js'
import { checkProfile, type AuthorProfile } from './author-profile.js'

export type AuthorEditing = ReturnType<typeof createAuthorEditing>

const noAuthor = (slug: string) =>
  new NotFoundError('author_not_found', `There is no author "${slug}".`)

/**
 * Authors' profiles, edited by editors (any author, with or without an
 * account) and by staff (their own), and merging a byline typo into the
 * author it meant.
 */
export function createAuthorEditing({
  stores,
  clock,
  newId,
  changes,
}: {
  stores: UnitOfWork
  clock: Clock
  newId: IdGenerator
  changes: ContentChanges
}) {
  const audited = { clock, newId }

  async function writeProfile(
    tx: Stores,
    actor: Actor,
    author: Author,
    typed: AuthorProfile & { photo?: string | null },
  ): Promise<Author> {
    const profile = checkProfile(typed)
    await tx.authors.updateProfile(author.id, profile)
    if (typed.photo !== undefined && typed.photo !== (author.photo?.id ?? null)) {
      await setPhoto(tx, author, typed.photo)
    }
    if (profile.name !== author.name) {
      // The search index holds bylines as text.
      await tx.authors.refreshSearchBylines(await articlesOf(tx, author.id))
    }
    await recordAudit(tx.audit, audited, {
      actor,
      action: 'author_updated',
      subject: profile.name,
      details: profile.name === author.name ? 'profile' : `renamed from ${author.name}`,
    })
    return { ...author, ...profile }
  }

  /** The photo from the library (null: none), with alt text, its usage written alongside. */
  async function setPhoto(tx: Stores, author: Author, mediaId: string | null): Promise<void> {
    const [item] = mediaId === null ? [] : await tx.media.findByIds([mediaId])
    if (mediaId !== null && !item) {
      throw new ValidationError('image_not_found', 'That image is not in the media library.', {
        field: 'photo',
      })
    }
    if (item) assertUsableImage(item)
    await tx.authors.updatePhoto(author.id, mediaId)
    await tx.media.setUsages({ kind: 'author_photo', ownerId: author.id }, item ? [item.id] : [])
  }

  /** The staff member's own author, made from their display name if they have none yet. */
  async function ownAuthor(tx: Stores, actor: Actor): Promise<Author | undefined> {
    if (actor.id === null) return undefined
    const user = await tx.users.findById(actor.id)
    if (!user) return undefined
    if (user.authorId) return tx.authors.findById(user.authorId)
    const [made] = await findOrCreateNamed(tx.authors, [user.displayName], {
      field: 'name',
      maxLength: MAX_AUTHOR_NAME_LENGTH,
      create: (name, slug) => ({ id: newId(), slug, name, bio: '' }),
    })
    if (!made) return undefined
    await tx.users.linkAuthor(user.id, made.id)
    return tx.authors.findById(made.id)
  }

  return {
    /** An editor changes any author's name, biography and links. */
    async updateProfile(actor: Actor, slug: string, typed: AuthorProfile): Promise<Author> {
      authorize(actor, 'authors:manage')
      const updated = await stores.transaction(async (tx) => {
        const author = await tx.authors.findBySlug(slug)
        if (!author) throw noAuthor(slug)
        await writeProfile(tx, actor, author, typed)
        return (await tx.authors.findById(author.id)) ?? author
      })
      await changes.announce({ scope: 'site' })
      return updated
    },

    /** Whoever is signed in: the author their bylines show, if any yet. */
    async ownProfile(actor: Actor): Promise<Author | undefined> {
      if (actor.id === null) return undefined
      const user = await stores.users.findById(actor.id)
      return user?.authorId ? stores.authors.findById(user.authorId) : undefined
    },

    /** Any member of staff changes their own profile, photo included. */
    async updateOwnProfile(
      actor: Actor,
      typed: AuthorProfile & { photo: string | null },
    ): Promise<Author> {
      const updated = await stores.transaction(async (tx) => {
        const author = await ownAuthor(tx, actor)
        if (!author) {
          throw new NotFoundError('author_not_found', 'Your account has no author profile.')
        }
        await writeProfile(tx, actor, author, typed)
        return (await tx.authors.findById(author.id)) ?? author
      })
      await changes.announce({ scope: 'site' })
      return updated
    },

    /**
     * Merges `fromSlug` (a byline typo) into `intoSlug`: its bylines move, its
     * page and feeds redirect to the other's, and it is deleted.
     */
    async merge(actor: Actor, fromSlug: string, intoSlug: string): Promise<{ articles: number }> {
      authorize(actor, 'authors:manage')
      if (fromSlug === intoSlug) {
        throw new ValidationError(
          'same_author',
          'Choose another author: an author cannot be merged into themselves.',
          {
            field: 'into',
          },
        )
      }
      const result = await stores.transaction(async (tx) => {
        const [from, into] = await Promise.all([
          tx.authors.findBySlug(fromSlug),
          tx.authors.findBySlug(intoSlug),
        ])
        if (!from) throw noAuthor(fromSlug)
        if (!into) {
          throw new ValidationError('author_not_found', `There is no author "${intoSlug}".`, {
            field: 'into',
          })
        }
        if (from.photo) await tx.media.setUsages({ kind: 'author_photo', ownerId: from.id }, [])
        const articleIds = await tx.authors.mergeInto(from.id, into.id)
        await tx.authors.refreshSearchBylines(articleIds)
        await saveRedirects(
          tx,
          clock,
          listingMoves(`/authors/${from.slug}`, `/authors/${into.slug}`),
          'author',
        )
        await recordAudit(tx.audit, audited, {
          actor,
          action: 'authors_merged',
          subject: `${from.name} → ${into.name}`,
          details: `${articleIds.length} articles; /authors/${from.slug} redirects to /authors/${into.slug}`,
        })
        return { articles: articleIds.length }
      })
      await changes.announce({ scope: 'site' })
      await changes.announce({ scope: 'redirects' })
      return result
    },
  }
}

async function articlesOf(tx: Stores, authorId: string): Promise<string[]> {
  return tx.authors.articleIds(authorId)
}
