import { asWrittenLine } from '../text/control-characters.js'
import { slugify } from '../text/slug.js'
import { ValidationError } from './errors.js'

export interface Named {
  id: string
  slug: string
  name: string
}

interface NamedStore<T extends Named> {
  findBySlugs(slugs: readonly string[]): Promise<T[]>
  insert(record: T): Promise<void>
}

/**
 * The records (authors, tags) for a list of names, in order and without
 * repeats, creating those that do not exist. A name's slug is its identity:
 * "Ana Lind" and "ana lind" are one person.
 */
export async function findOrCreateNamed<T extends Named>(
  store: NamedStore<T>,
  names: readonly string[],
  options: {
    field: string
    maxLength: number
    create: (name: string, slug: string) => T
    /** Records already read (an article's bylines): their slugs are not looked up again. */
    known?: readonly Named[]
    /** Records a run has already resolved (an import's batch), by slug: not looked up again. */
    recall?: (slug: string) => Named | undefined
  },
): Promise<Named[]> {
  const wanted = names.map((name) => {
    const trimmed = asWrittenLine(name).trim()
    const slug = slugify(trimmed)
    if (slug === '' || trimmed.length > options.maxLength) {
      throw new ValidationError(`invalid_${options.field}`, `"${name}" is not a usable name.`, {
        field: options.field,
      })
    }
    return { name: trimmed, slug }
  })
  const bySlug = new Map<string, Named>(
    (options.known ?? []).map((record) => [record.slug, record]),
  )
  for (const { slug } of wanted) {
    const recalled = bySlug.has(slug) ? undefined : options.recall?.(slug)
    if (recalled) bySlug.set(slug, recalled)
  }
  const unknown = wanted.map((entry) => entry.slug).filter((slug) => !bySlug.has(slug))
  if (unknown.length > 0) {
    for (const record of await store.findBySlugs(unknown)) bySlug.set(record.slug, record)
  }
  const resolved: Named[] = []
  for (const { name, slug } of wanted) {
    let record = bySlug.get(slug)
    if (!record) {
      const created = options.create(name, slug)
      await store.insert(created)
      bySlug.set(slug, created)
      record = created
    }
    if (!resolved.includes(record)) resolved.push(record)
  }
  return resolved
}
