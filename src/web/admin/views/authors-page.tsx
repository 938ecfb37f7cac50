import type { Author } from '../../../domain/people/author.js'
import type { Paged } from '../../../domain/paging.js'
import { Pagination } from '../../ui/pagination.js'
import { authorPath } from '../../ui/urls.js'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'
import { ProblemBanner } from './form-parts.js'
import { ImageChooser, type ChoosableImage } from './image-chooser.js'
import { thumbnailOf } from './media-library-page.js'

/** Everyone in a byline, with their photo: the way to each author's page. */
export function AuthorsPage({ authors }: { authors: Paged<Author> }) {
  return (
    <>
      <h1>Authors</h1>
      <p>Everyone who has appeared in a byline. Choose one to set their photo.</p>
      <ul class="author-list">
        {authors.items.map((author) => {
          const thumb = author.photo && thumbnailOf(author.photo)
          return (
            <li key={author.id}>
              {thumb ? (
                <img src={thumb.src} width={thumb.width} height={thumb.height} alt="" />
              ) : (
                <span class="no-photo" aria-hidden="true" />
              )}
              <a href={`/admin/authors/${author.slug}`}>{author.name}</a>
              {!author.photo && <span class="muted"> · no photo</span>}
            </li>
          )
        })}
      </ul>
      <Pagination path="/admin/authors" page={authors.page} pageCount={authors.pageCount} />
    </>
  )
}

export interface AuthorPageProps {
  author: Author
  /** The photo the form names (what was chosen, or the author's own). */
  chosen: ChoosableImage | undefined
  found: readonly ChoosableImage[]
  query: string
  problem?: Problem
  notice?: string
}

/** One author: their photo, chosen from the library. */
export function AuthorPage({ author, chosen, found, query, problem, notice }: AuthorPageProps) {
  return (
    <>
      <h1>{author.name}</h1>
      <p>
        <a href={authorPath(author.slug)}>Their page on the site</a>
      </p>
      {notice && (
        <p class="notice-ok" role="status">
          {notice}
        </p>
      )}
      <ProblemBanner problem={problem} />
      <form method="post" action={`/admin/authors/${author.slug}`} id="author-photo">
        <CsrfField />
        <ImageChooser
          name="photo"
          legend="Photo"
          hint="Shown round and small beside their byline, and larger on their page. It needs alt text, or to be marked decorative, in the library."
          chosen={chosen}
          found={found}
          query={query}
          search={{ name: 'intent', value: 'find_images' }}
          problem={problem}
          field="photo"
        />
        <button type="submit" name="intent" value="save" class="primary">
          Save photo
        </button>
      </form>
    </>
  )
}
