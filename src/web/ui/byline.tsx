import { Fragment } from 'preact'
import type { ImageRef } from '../../domain/media/media.js'
import type { AuthorRef } from '../../domain/people/author.js'
import { Picture } from './picture.js'
import { squarePictureFor } from './pictures.js'
import { useSite } from './site.js'
import { authorPath } from './urls.js'

/** "A", "A and B", "A, B and C", each name linked to the author's page. */
export function AuthorNames({ authors }: { authors: readonly AuthorRef[] }) {
  return (
    <>
      {authors.map((author, index) => (
        <Fragment key={author.slug}>
          {index === 0 ? '' : index === authors.length - 1 ? ' and ' : ', '}
          <a href={authorPath(author.slug)} rel="author">
            {author.name}
          </a>
        </Fragment>
      ))}
    </>
  )
}

/**
 * An author's photo, square. In a byline its alt is empty: the name beside it
 * says who it is, and a screen reader would only say it twice.
 */
export function AuthorPhoto({ photo, size }: { photo: ImageRef; size: 'byline' | 'profile' }) {
  const site = useSite()
  const square = squarePictureFor(site, photo)
  const picture = size === 'byline' ? { ...square, alt: '' } : square
  return (
    <Picture
      picture={picture}
      sizes={size === 'byline' ? '2.5rem' : '(min-width: 40rem) 10rem, 6rem'}
      class={`author-photo author-photo-${size}`}
    />
  )
}

export function Byline({
  authors,
  withPhotos = false,
}: {
  authors: readonly (AuthorRef & { photo?: ImageRef | null })[]
  /** The article page shows its authors' photos beside the byline. */
  withPhotos?: boolean
}) {
  if (authors.length === 0) return null
  const photos = withPhotos ? authors.flatMap((author) => (author.photo ? [author] : [])) : []
  const names = (
    <>
      By <AuthorNames authors={authors} />
    </>
  )
  return (
    <p class={photos.length > 0 ? 'byline with-photos' : 'byline'}>
      {photos.map((author) =>
        author.photo ? <AuthorPhoto key={author.slug} photo={author.photo} size="byline" /> : null,
      )}
      {/* One item of the photos' flex row: its commas stay against the names. */}
      {photos.length > 0 ? <span>{names}</span> : names}
    </p>
  )
}
