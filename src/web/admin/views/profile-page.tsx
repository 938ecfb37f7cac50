import type { Author } from '../../../domain/people/author.js'
import { authorPath } from '../../ui/urls.js'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'
import { ProblemBanner } from './form-parts.js'
import { ImageChooser, type ChoosableImage } from './image-chooser.js'
import { ProfileFields, type ProfileValues } from './profile-form.js'

/** A member of staff's own author profile: what readers see beside their bylines. */
export function ProfilePage({
  author,
  values,
  chosen,
  found,
  query,
  problem,
  saved,
}: {
  author: Author | undefined
  values: ProfileValues
  chosen: ChoosableImage | undefined
  found: readonly ChoosableImage[]
  query: string
  problem?: Problem
  saved?: boolean
}) {
  return (
    <div class="narrow">
      <h1>Your profile</h1>
      {saved && (
        <p class="notice-ok" role="status">
          Profile saved.
        </p>
      )}
      <ProblemBanner problem={problem} />
      {author ? (
        <p>
          Readers see it on <a href={authorPath(author.slug)}>your author page</a> and beside your
          bylines.
        </p>
      ) : (
        <p>Saving makes your author page, under the name you give.</p>
      )}
      <form method="post" action="/admin/account/profile" class="stack-form">
        <CsrfField />
        <ProfileFields values={values} problem={problem} />
        <ImageChooser
          name="photo"
          legend="Photo"
          hint="From the media library; it needs alt text, or to be marked decorative."
          chosen={chosen}
          found={found}
          query={query}
          search={{ name: 'intent', value: 'find_images' }}
          problem={problem}
          field="photo"
        />
        <button type="submit" name="intent" value="save" class="primary">
          Save profile
        </button>
      </form>
    </div>
  )
}
