import { IDENTITY_LIMITS } from '../../../domain/settings/site-identity.js'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'
import { describedBy, Field, ProblemBanner } from './form-parts.js'
import { ImageChooser, type ChoosableImage } from './image-chooser.js'

export interface IdentityValues {
  name: string
  tagline: string
  logo: string
  accent: string
  language: string
  timeZone: string
}

/** The site's name, tagline, logo, accent colour, language and time zone. */
export function IdentityForm({
  values,
  chosen,
  found,
  query,
  problem,
}: {
  values: IdentityValues
  chosen: ChoosableImage | undefined
  found: readonly ChoosableImage[]
  query: string
  problem?: Problem
}) {
  return (
    <form method="post" action="/admin/settings/identity" class="stack-form" id="identity">
      <CsrfField />
      <h2>The site</h2>
      <ProblemBanner problem={problem} />
      <Field id="name" label="Name" problem={problem}>
        <input
          id="name"
          type="text"
          name="name"
          required
          maxLength={IDENTITY_LIMITS.name}
          value={values.name}
          aria-describedby={describedBy('name', { problem })}
        />
      </Field>
      <Field
        id="tagline"
        label="Tagline"
        hint="A line under the name; may be empty."
        problem={problem}
      >
        <input
          id="tagline"
          type="text"
          name="tagline"
          maxLength={IDENTITY_LIMITS.tagline}
          value={values.tagline}
          aria-describedby={describedBy('tagline', { hint: true, problem })}
        />
      </Field>
      <Field
        id="accent"
        label="Accent colour"
        hint="In hex, such as #0a5c8f; empty for the standard red. It must keep a contrast of 4.5:1 with white (WCAG AA), so light colours are refused."
        problem={problem}
      >
        <input
          id="accent"
          type="text"
          name="accent"
          maxLength={20}
          spellcheck={false}
          autocomplete="off"
          value={values.accent}
          aria-describedby={describedBy('accent', { hint: true, problem })}
        />
      </Field>
      <Field id="language" label="Language" hint="A BCP 47 tag: en, en-GB, fr…" problem={problem}>
        <input
          id="language"
          type="text"
          name="language"
          required
          maxLength={35}
          value={values.language}
          aria-describedby={describedBy('language', { hint: true, problem })}
        />
      </Field>
      <Field
        id="timeZone"
        label="Time zone"
        hint="An IANA name such as Europe/London. Dates on pages and in article addresses use it; old addresses go on working."
        problem={problem}
      >
        <input
          id="timeZone"
          type="text"
          name="time_zone"
          required
          maxLength={64}
          value={values.timeZone}
          aria-describedby={describedBy('timeZone', { hint: true, problem })}
        />
      </Field>
      <ImageChooser
        name="logo"
        legend="Logo"
        hint="From the media library, shown beside the name in the masthead."
        chosen={chosen}
        found={found}
        query={query}
        search={{ name: 'intent', value: 'find_images' }}
        problem={problem}
        field="logo"
      />
      <button type="submit" name="intent" value="save" class="primary">
        Save
      </button>
    </form>
  )
}
