import {
  MAX_AUTHOR_BIO_LENGTH,
  MAX_AUTHOR_LINK_LABEL,
  MAX_AUTHOR_NAME_LENGTH,
  type Author,
  type AuthorLink,
} from '../../../domain/people/author.js'
import type { Problem } from '../../plugins/problems.js'
import { describedBy, Field } from './form-parts.js'

/** Link rows the form offers: those the author has, and room for more. */
export const LINK_ROWS = 4

export interface ProfileValues {
  name: string
  bio: string
  links: AuthorLink[]
}

export const profileValuesOf = (author: Author): ProfileValues => ({
  name: author.name,
  bio: author.bio,
  links: author.links ?? [],
})

/** Name, biography and links: the fields of a profile form (the form itself is the caller's). */
export function ProfileFields({ values, problem }: { values: ProfileValues; problem?: Problem }) {
  const rows = Array.from(
    { length: Math.max(LINK_ROWS, values.links.length) },
    (_, index) => values.links[index] ?? { label: '', url: '' },
  )
  return (
    <>
      <Field id="name" label="Name in bylines" problem={problem}>
        <input
          id="name"
          name="name"
          required
          maxLength={MAX_AUTHOR_NAME_LENGTH}
          value={values.name}
          aria-describedby={describedBy('name', { problem })}
        />
      </Field>
      <Field id="bio" label="Biography" problem={problem}>
        <textarea
          id="bio"
          name="bio"
          rows={5}
          maxLength={MAX_AUTHOR_BIO_LENGTH}
          aria-describedby={describedBy('bio', { problem })}
        >
          {values.bio}
        </textarea>
      </Field>
      <fieldset
        class="field"
        aria-describedby={problem?.field === 'links' ? 'links-error' : undefined}
      >
        <legend>Links (their own site, social profiles)</legend>
        {problem?.field === 'links' && (
          <p class="field-error" id="links-error">
            {problem.message}
          </p>
        )}
        {rows.map((link, index) => (
          <div key={index} class="link-row">
            <label for={`link-label-${index}`}>Words {index + 1}</label>
            <input
              id={`link-label-${index}`}
              name="link_label"
              maxLength={MAX_AUTHOR_LINK_LABEL}
              value={link.label}
            />
            <label for={`link-url-${index}`}>Address {index + 1}</label>
            <input id={`link-url-${index}`} name="link_url" inputMode="url" value={link.url} />
          </div>
        ))}
      </fieldset>
    </>
  )
}
