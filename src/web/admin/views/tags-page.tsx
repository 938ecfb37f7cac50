import type { Paged } from '../../../domain/paging.js'
import type { Tag } from '../../../domain/tags/tag.js'
import type { Problem } from '../../plugins/problems.js'
import { Pagination } from '../../ui/pagination.js'
import { tagPath } from '../../ui/urls.js'
import { CsrfField } from './admin-layout.js'
import { describedBy, Field, Notice, ProblemBanner } from './form-parts.js'

export type CountedTag = Tag & { articles: number }

/** Every tag with its number of articles, found by the start of its name. */
export function TagsPage({ tags, query }: { tags: Paged<CountedTag>; query: string }) {
  const path = query === '' ? '/admin/tags' : `/admin/tags?q=${encodeURIComponent(query)}`
  return (
    <>
      <h1>Tags</h1>
      <p>
        Tags are typed freely in the editor, so the same subject can end up under two spellings.
        Choose a tag to rename it or to merge it into the one it should have been.
      </p>
      <form method="get" action="/admin/tags" class="search-form" role="search">
        <label for="q">Tags starting with</label>
        <input id="q" name="q" type="search" value={query} maxLength={60} />
        <button type="submit">Find</button>
      </form>
      <p class="muted" role="status">
        {tags.total === 0
          ? query
            ? `No tag starts with “${query}”.`
            : 'No article has a tag yet.'
          : `${tags.total} ${tags.total === 1 ? 'tag' : 'tags'}${query ? ` starting with “${query}”` : ''}.`}
      </p>
      {tags.items.length > 0 && (
        <table class="tags stacks">
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col">Address</th>
              <th scope="col">Articles</th>
            </tr>
          </thead>
          <tbody>
            {tags.items.map((tag) => (
              <tr key={tag.id}>
                <td data-label="Tag">
                  <a href={`/admin/tags/${tag.slug}`}>{tag.name}</a>
                </td>
                <td data-label="Address">
                  <code>{tagPath(tag.slug)}</code>
                </td>
                <td data-label="Articles">{tag.articles}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination
        path={path}
        page={tags.page}
        pageCount={tags.pageCount}
        links={{ previous: 'Previous tags', next: 'More tags' }}
      />
    </>
  )
}

export interface TagPageProps {
  tag: CountedTag
  /** What was typed, when a form comes back with a problem. */
  typed?: { name?: string; into?: string }
  problem?: Problem
  problemIn?: 'rename' | 'merge'
  notice?: string
}

/** One tag: renaming it (its address stays) and merging it into another. */
export function TagPage({ tag, typed = {}, problem, problemIn, notice }: TagPageProps) {
  const renameProblem = problemIn === 'rename' ? problem : undefined
  const mergeProblem = problemIn === 'merge' ? problem : undefined
  return (
    <>
      <h1>{tag.name}</h1>
      <p>
        On {tag.articles} {tag.articles === 1 ? 'article' : 'articles'}.{' '}
        <a href={tagPath(tag.slug)}>Its page on the site</a>
      </p>
      <Notice notice={notice} />
      <ProblemBanner problem={problem} />
      <form method="post" action={`/admin/tags/${tag.slug}`} class="stack-form narrow">
        <CsrfField />
        <h2>Rename</h2>
        <Field
          id="name"
          label="Name"
          hint={`Shown on every article with this tag. Its address, ${tagPath(tag.slug)}, stays.`}
          problem={renameProblem}
        >
          <input
            id="name"
            name="name"
            value={typed.name ?? tag.name}
            maxLength={60}
            required
            aria-describedby={describedBy('name', { hint: true, problem: renameProblem })}
          />
        </Field>
        <button type="submit" class="primary">
          Rename
        </button>
      </form>
      <form method="post" action={`/admin/tags/${tag.slug}/merge`} class="stack-form narrow">
        <CsrfField />
        <h2>Merge into another tag</h2>
        <p>
          Every article tagged {tag.name} gets the tag you name instead, this tag’s page and feeds
          redirect to that tag’s, and this tag is deleted.
        </p>
        <Field id="into" label={`Merge ${tag.name} into (the tag’s name)`} problem={mergeProblem}>
          <input
            id="into"
            name="into"
            value={typed.into ?? ''}
            maxLength={60}
            required
            aria-describedby={describedBy('into', { problem: mergeProblem })}
          />
        </Field>
        <label class="choice">
          <input type="checkbox" name="confirm" value="yes" required /> Yes, merge and delete{' '}
          {tag.name}
        </label>
        <button type="submit" class="danger">
          Merge
        </button>
      </form>
    </>
  )
}
