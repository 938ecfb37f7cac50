import type { SectionRef } from '../../domain/sections/section.js'
import { sectionPath } from './urls.js'

/** The page for a request that went wrong: what happened and where to go instead. */
export function ProblemPage({
  title,
  message,
  sections,
}: {
  title: string
  message: string
  sections: readonly SectionRef[]
}) {
  return (
    <div class="notice">
      <h1 class="page-title">{title}</h1>
      <p>{message}</p>
      <p>You could try:</p>
      <ul class="suggestions">
        <li>
          <a href="/">The front page</a>
        </li>
        {sections.slice(0, 4).map((section) => (
          <li key={section.slug}>
            <a href={sectionPath(section.slug)}>{section.name}</a>
          </li>
        ))}
      </ul>
    </div>
  )
}
