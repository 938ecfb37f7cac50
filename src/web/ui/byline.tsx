import { Fragment } from 'preact'
import type { AuthorRef } from '../../domain/people/author.js'
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

export function Byline({ authors }: { authors: readonly AuthorRef[] }) {
  if (authors.length === 0) return null
  return (
    <p class="byline">
      By <AuthorNames authors={authors} />
    </p>
  )
}
