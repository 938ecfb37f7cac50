import { asWrittenText } from '../../text/control-characters.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { ContentChanges } from '../changes.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { MAX_AUTHOR_BIO_LENGTH, type Author } from './author.js'

export type AuthorService = ReturnType<typeof createAuthorService>

export function createAuthorService({
  stores,
  changes,
}: {
  stores: UnitOfWork
  changes: ContentChanges
}) {
  async function getBySlug(slug: string): Promise<Author> {
    const author = await stores.authors.findBySlug(slug)
    if (!author) throw new NotFoundError('author_not_found', `There is no author "${slug}".`)
    return author
  }

  return {
    /** The author with this slug; throws NotFoundError when there is none. */
    getBySlug,

    /** Names to suggest for bylines. */
    listNames: (): Promise<string[]> => stores.authors.listNames(2000),

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
  }
}
