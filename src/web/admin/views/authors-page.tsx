import type { Author } from '../../../domain/people/author.js'
import type { Paged } from '../../../domain/paging.js'
import { Pagination } from '../../ui/pagination.js'
import { authorPath } from '../../ui/urls.js'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'
import { Notice, ProblemBanner } from './form-parts.js'
import { ImageChooser, type ChoosableImage } from './image-chooser.js'
import { ProfileFields, type ProfileValues } from './profile-form.js'
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
  /** The profile form's values: the author's, or what was typed. */
  profile: ProfileValues
  /** Which form the problem belongs to. */
  problemIn?: 'photo' | 'profile' | 'merge'
  /** Authors this one may be merged into, by name. */
  others: readonly Pick<Author, 'slug' | 'name'>[]
}

/** One author: their profile, their photo from the library, and merging a duplicate. */
export function AuthorPage(props: AuthorPageProps) {
  const { author, chosen, found, query, problem, notice, problemIn = 'photo' } = props
  return (
    <>
      <h1>{author.name}</h1>
      <p>
        <a href={authorPath(author.slug)}>Their page on the site</a>
      </p>
      <Notice notice={notice} />
      <ProblemBanner problem={problem} />
      <form
        method="post"
        action={`/admin/authors/${author.slug}/profile`}
        class="stack-form narrow"
      >
        <CsrfField />
        <h2>Profile</h2>
        <ProfileFields
          values={props.profile}
          problem={problemIn === 'profile' ? problem : undefined}
        />
        <button type="submit" class="primary">
          Save profile
        </button>
      </form>
      <h2>Photo</h2>
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
          problem={problemIn === 'photo' ? problem : undefined}
          field="photo"
        />
        <button type="submit" name="intent" value="save" class="primary">
          Save photo
        </button>
      </form>
      <MergeForm author={author} others={props.others} />
    </>
  )
}

/** Merging a byline typo into the author it meant: bylines move, the old page redirects. */
function MergeForm({
  author,
  others,
}: {
  author: Author
  others: readonly Pick<Author, 'slug' | 'name'>[]
}) {
  const choices = others.filter((other) => other.slug !== author.slug)
  if (choices.length === 0) return null
  return (
    <form method="post" action={`/admin/authors/${author.slug}/merge`} class="stack-form narrow">
      <CsrfField />
      <h2>Merge into another author</h2>
      <p>
        For a byline typo that made a second author: every byline of {author.name} moves to the
        author you choose, {author.name}’s page and feeds redirect to theirs, and {author.name} is
        deleted.
      </p>
      <div class="field">
        <label for="merge-into">Merge {author.name} into</label>
        <select id="merge-into" name="into">
          {choices.map((other) => (
            <option key={other.slug} value={other.slug}>
              {other.name}
            </option>
          ))}
        </select>
      </div>
      <label class="choice">
        <input type="checkbox" name="confirm" value="yes" required /> Yes, merge and delete{' '}
        {author.name}
      </label>
      <button type="submit" class="danger">
        Merge
      </button>
    </form>
  )
}
