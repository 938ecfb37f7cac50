import type { Page, PageRevision } from '../../../domain/pages/page.js'
import { PAGE_LIMITS } from '../../../domain/pages/page.js'
import { DateTime } from '../../ui/date-time.js'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'
import { describedBy, Field, Notice, ProblemBanner } from './form-parts.js'

/** The site's pages: About, Contact, Privacy… */
export function PagesPage({ pages, notice }: { pages: readonly Page[]; notice?: string }) {
  return (
    <div>
      <h1>Pages</h1>
      <Notice notice={notice} />
      <p>
        Pages are the site's standing text: About, Contact, Privacy, the corrections policy. They
        live at /pages/<i>address</i>, stay out of feeds and search, and show in the menus where you
        put them (<a href="/admin/menus">Menus</a>).
      </p>
      <p>
        <a class="button" href="/admin/pages/new">
          New page
        </a>
      </p>
      <table class="stacks">
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Address</th>
            <th scope="col">Readers see it</th>
            <th scope="col">Last saved</th>
          </tr>
        </thead>
        <tbody>
          {pages.map((page) => (
            <tr key={page.id}>
              <td data-label="Title">
                <a href={`/admin/pages/${page.id}`}>{page.title}</a>
              </td>
              <td data-label="Address">/pages/{page.slug}</td>
              <td data-label="Readers see it">{page.published ? 'Yes' : 'Not yet'}</td>
              <td data-label="Last saved">
                <DateTime date={page.updatedAt} withTime />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export interface PageValues {
  title: string
  slug: string
  description: string
  body: string
  published: boolean
  version: number
}

/** A page in the article editor's rich-text editor, with its versions beside it. */
export function PageEditor({
  page,
  values,
  revisions = [],
  problem,
  notice,
}: {
  page?: Page
  values: PageValues
  revisions?: readonly PageRevision[]
  problem?: Problem
  notice?: string
}) {
  const action = page ? `/admin/pages/${page.id}` : '/admin/pages'
  return (
    <div class="narrow">
      <h1>{page ? page.title : 'New page'}</h1>
      <Notice notice={notice} />
      <ProblemBanner problem={problem} />
      {page?.published && (
        <p>
          <a href={`/pages/${page.slug}`}>View on the site</a>
        </p>
      )}
      <form method="post" action={action} id="editor" data-page="yes" class="stack-form">
        <CsrfField />
        <input type="hidden" name="version" value={String(values.version)} />
        <Field id="title" label="Title" problem={problem}>
          <input
            id="title"
            name="title"
            required
            maxLength={PAGE_LIMITS.title}
            value={values.title}
            aria-describedby={describedBy('title', { problem })}
          />
        </Field>
        {page ? (
          <p>Address: /pages/{page.slug}</p>
        ) : (
          <Field
            id="slug"
            label="Address"
            hint="Leave empty to make it from the title."
            problem={problem}
          >
            <input
              id="slug"
              name="slug"
              maxLength={PAGE_LIMITS.slug}
              value={values.slug}
              aria-describedby={describedBy('slug', { hint: true, problem })}
            />
          </Field>
        )}
        <Field
          id="description"
          label="Description"
          hint="For search results and shares; empty: the start of the text."
          problem={problem}
        >
          <input
            id="description"
            name="description"
            maxLength={PAGE_LIMITS.description}
            value={values.description}
            aria-describedby={describedBy('description', { hint: true, problem })}
          />
        </Field>
        <Field id="body" label="Text" problem={problem}>
          <textarea
            id="body"
            name="body"
            rows={20}
            aria-describedby={describedBy('body', { problem })}
          >
            {values.body}
          </textarea>
        </Field>
        <label class="choice">
          <input type="checkbox" name="published" value="yes" checked={values.published} /> Readers
          can see this page
        </label>
        <p>
          <button type="submit">{page ? 'Save' : 'Create page'}</button>
        </p>
      </form>
      {page && <PageVersions page={page} revisions={revisions} />}
      {page && (
        <form method="post" action={`/admin/pages/${page.id}/delete`} class="stack-form">
          <CsrfField />
          <h2>Delete</h2>
          <p>The page, its versions and its places in the menus go. Its address will answer 404.</p>
          <label class="choice">
            <input type="checkbox" name="confirm" value="yes" required /> Yes, delete “{page.title}”
          </label>
          <p>
            <button type="submit" class="danger">
              Delete page
            </button>
          </p>
        </form>
      )}
    </div>
  )
}

function PageVersions({ page, revisions }: { page: Page; revisions: readonly PageRevision[] }) {
  return (
    <section aria-labelledby="versions">
      <h2 id="versions">Versions</h2>
      <ol class="plain">
        {revisions.map((revision) => (
          <li key={revision.id}>
            Version {revision.version}, <DateTime date={revision.createdAt} withTime />, by{' '}
            {revision.createdByName}
            {revision.version === page.version ? (
              ' (this one)'
            ) : (
              <form method="post" action={`/admin/pages/${page.id}/restore`} class="inline">
                <CsrfField />
                <input type="hidden" name="version" value={String(revision.version)} />{' '}
                <button type="submit" class="link">
                  Bring back version {revision.version}
                  <span class="visually-hidden"> of “{revision.fields.title}”</span>
                </button>
              </form>
            )}
          </li>
        ))}
      </ol>
    </section>
  )
}
