import { authorize, type Actor } from '../access/policy.js'
import { recordAudit } from '../audit/record-audit.js'
import { asWrittenText } from '../../text/control-characters.js'
import type { ContentChanges } from '../changes.js'
import type { Clock } from '../clock.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import { assertUsableImage } from '../media/media.js'
import { paginate, type Paged } from '../paging.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { MAX_AUTHOR_BIO_LENGTH, type Author } from './author.js'

export type AuthorService = ReturnType<typeof createAuthorService>

export function createAuthorService({
  stores,
  changes,
  clock,
  newId,
}: {
  stores: UnitOfWork
  changes: ContentChanges
  clock: Clock
  newId: IdGenerator
}) {
  async function getBySlug(slug: string): Promise<Author> {
    const author = await stores.authors.findBySlug(slug)
    if (!author) throw new NotFoundError('author_not_found', `There is no author "${slug}".`)
    return author
  }

  return {
    /** The author with this slug, and their photo; throws NotFoundError when there is none. */
    getBySlug,

    /** Names to suggest for bylines. */
    listNames: (): Promise<string[]> => stores.authors.listNames(2000),

    /** The newsroom's list of authors, alphabetically, with their photos. */
    async list(actor: Actor, page: number, perPage: number): Promise<Paged<Author>> {
      authorize(actor, 'authors:manage')
      const total = await stores.authors.count()
      return paginate({ page, perPage, total }, (window) => stores.authors.list(window))
    },

    /** Replaces an author's biography. */
    async setBio(slug: string, bio: string): Promise<Author> {
      const trimmed = asWrittenText(bio).trim()
      if (trimmed.length > MAX_AUTHOR_BIO_LENGTH) {
        throw new ValidationError(
          'bio_too_long',
          `A biography has at most ${MAX_AUTHOR_BIO_LENGTH} characters.`,
          {
            field: 'bio',
          },
        )
      }
      const author = await getBySlug(slug)
      await stores.authors.updateBio(author.id, trimmed)
      await changes.announce({ scope: 'site' })
      return { ...author, bio: trimmed }
    },

    /**
     * Sets an author's photo from the media library (null removes it). It is
     * shown on their page and in their bylines, so it needs alt text (or to be
     * marked decorative); where it is used is recorded in the same transaction.
     */
    async setPhoto(actor: Actor, slug: string, mediaId: string | null): Promise<Author> {
      authorize(actor, 'authors:manage')
      const updated = await stores.transaction(async (tx) => {
        const author = await tx.authors.findBySlug(slug)
        if (!author) throw new NotFoundError('author_not_found', `There is no author "${slug}".`)
        const [item] = mediaId === null ? [] : await tx.media.findByIds([mediaId])
        if (mediaId !== null && !item) {
          throw new ValidationError('image_not_found', 'That image is not in the media library.', {
            field: 'photo',
          })
        }
        if (item) assertUsableImage(item)
        await tx.authors.updatePhoto(author.id, mediaId)
        await tx.media.setUsages(
          { kind: 'author_photo', ownerId: author.id },
          item ? [item.id] : [],
        )
        await recordAudit(
          tx.audit,
          { clock, newId },
          {
            actor,
            action: 'author_photo_changed',
            subject: author.name,
            details: item ? item.fileName : 'removed',
          },
        )
        return (await tx.authors.findBySlug(slug)) ?? author
      })
      await changes.announce({ scope: 'site' })
      return updated
    },
  }
}
