import {
  MAX_SECTION_NAME_LENGTH,
  MAX_SECTION_SLUG_LENGTH,
  type Section,
} from '../../../domain/sections/section.js'
import { sectionPath } from '../../ui/urls.js'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'
import { describedBy, Field, MoveButtons, Notice, ProblemBanner } from './form-parts.js'

/** The form that was sent, with what was typed in it, when it comes back with a problem. */
export type SectionAttempt =
  | { form: 'create'; name: string; slug: string }
  | { form: 'rename'; slug: string; name: string }
  | { form: 'move'; slug: string }
  | { form: 'delete'; slug: string; into: string }

export interface SectionsPageProps {
  sections: readonly Section[]
  attempt?: SectionAttempt
  problem?: Problem
  notice?: string
}

/** A section's row: its name (renamed in place), its address, and its place in the navigation. */
function SectionRow({
  section,
  index,
  count,
  attempt,
  problem,
}: {
  section: Section
  index: number
  count: number
  attempt?: SectionAttempt
  problem?: Problem
}) {
  const id = `name-${section.slug}`
  const renaming = attempt?.form === 'rename' && attempt.slug === section.slug ? attempt : undefined
  const error = renaming && problem?.field === 'name' ? problem.message : undefined
  return (
    <tr id={`section-${section.slug}`}>
      <td class="position">{index + 1}</td>
      <td>
        <form
          method="post"
          action={`/admin/sections/${section.slug}/rename`}
          class={error ? 'row-form has-error' : 'row-form'}
        >
          <CsrfField />
          <label class="visually-hidden" for={id}>
            Name of the section at /{section.slug}
          </label>
          {error && (
            <p class="field-error" id={`${id}-error`}>
              {error}
            </p>
          )}
          <input
            id={id}
            name="name"
            type="text"
            required
            maxLength={MAX_SECTION_NAME_LENGTH}
            value={renaming ? renaming.name : section.name}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          <button type="submit">
            Rename<span class="visually-hidden"> {section.name}</span>
          </button>
        </form>
      </td>
      <td>
        <a href={sectionPath(section.slug)}>{sectionPath(section.slug)}</a>
      </td>
      <td>
        <MoveButtons
          action={`/admin/sections/${section.slug}/move`}
          name={section.name}
          index={index}
          count={count}
        />
      </td>
    </tr>
  )
}

/** The sections, in the order the site's navigation shows them, and a form to add one. */
export function SectionsPage({ sections, attempt, problem, notice }: SectionsPageProps) {
  const creating = attempt?.form === 'create' ? attempt : undefined
  const createProblem = creating ? problem : undefined
  return (
    <>
      <h1>Sections</h1>
      <p>
        The site’s navigation shows the sections in this order. Renaming a section keeps its
        address, so links to it go on working.
      </p>
      <Notice notice={notice} />
      <ProblemBanner problem={problem} />
      <table class="sections">
        <caption class="visually-hidden">Sections in navigation order</caption>
        <thead>
          <tr>
            <th scope="col">Place</th>
            <th scope="col">Name</th>
            <th scope="col">Address</th>
            <th scope="col">Order</th>
          </tr>
        </thead>
        <tbody>
          {sections.map((section, index) => (
            <SectionRow
              key={section.id}
              section={section}
              index={index}
              count={sections.length}
              attempt={attempt}
              problem={problem}
            />
          ))}
        </tbody>
      </table>

      <section class="narrow" aria-labelledby="new-section-title">
        <h2 id="new-section-title">New section</h2>
        <form method="post" action="/admin/sections" class="stack-form">
          <CsrfField />
          <Field id="name" label="Name" problem={createProblem}>
            <input
              id="name"
              name="name"
              type="text"
              required
              maxLength={MAX_SECTION_NAME_LENGTH}
              value={creating?.name ?? ''}
              aria-describedby={describedBy('name', { problem: createProblem })}
            />
          </Field>
          <Field
            id="slug"
            label="Address (optional)"
            hint="The section’s page will be at /your-slug: lower-case letters, digits and hyphens, starting with a letter. Leave it blank to make it from the name. It cannot be changed later."
            problem={createProblem}
          >
            <input
              id="slug"
              name="slug"
              type="text"
              maxLength={MAX_SECTION_SLUG_LENGTH}
              spellcheck={false}
              autocomplete="off"
              value={creating?.slug ?? ''}
              aria-describedby={describedBy('slug', { hint: true, problem: createProblem })}
            />
          </Field>
          <button type="submit" class="primary">
            Add section
          </button>
        </form>
      </section>
      <DeleteSectionForm
        sections={sections}
        attempt={attempt?.form === 'delete' ? attempt : undefined}
      />
    </>
  )
}

/**
 * Deleting a section: its articles move to another chosen here, and its page
 * and feeds redirect there. To only hide it, take it out of the navigation
 * (Menus).
 */
function DeleteSectionForm({
  sections,
  attempt,
}: {
  sections: readonly Section[]
  attempt?: { slug: string; into: string }
}) {
  if (sections.length < 2) return null
  return (
    <section class="narrow" aria-labelledby="delete-section-title">
      <h2 id="delete-section-title">Delete a section</h2>
      <p>
        Its articles move to the section you choose, and its address and feeds redirect there. To
        keep a section but hide it, take it out of the navigation in{' '}
        <a href="/admin/menus">Menus</a>.
      </p>
      <form method="post" action="/admin/sections/delete" class="stack-form">
        <CsrfField />
        <div class="field">
          <label for="delete-slug">Section to delete</label>
          <select id="delete-slug" name="slug">
            {sections.map((section) => (
              <option
                key={section.id}
                value={section.slug}
                selected={attempt?.slug === section.slug}
              >
                {section.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="delete-into">Move its articles to</label>
          <select id="delete-into" name="into">
            {sections.map((section, index) => (
              <option
                key={section.id}
                value={section.slug}
                selected={attempt ? attempt.into === section.slug : index === 1}
              >
                {section.name}
              </option>
            ))}
          </select>
        </div>
        <label class="choice">
          <input type="checkbox" name="confirm" value="yes" required /> Yes, delete this section
        </label>
        <button type="submit" class="danger">
          Delete section
        </button>
      </form>
    </section>
  )
}
