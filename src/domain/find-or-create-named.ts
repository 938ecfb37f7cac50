import { asWrittenLine } from '../text/control-characters.js'
import { slugify } from '../text/slug.js'
import { ValidationError } from './errors.js'

interface Named {
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
  options: { field: string; maxLength: number; create: (name: string, slug: string) => T },
): Promise<T[]> {
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
  const found = await store.findBySlugs(wanted.map((entry) => entry.slug))
  const bySlug = new Map(found.map((record) => [record.slug, record]))
  const resolved: T[] = []
  for (const { name, slug } of wanted) {
    let record = bySlug.get(slug)
    if (!record) {
      record = options.create(name, slug)
      await store.insert(record)
      bySlug.set(slug, record)
    }
    if (!resolved.includes(record)) resolved.push(record)
  }
  return resolved
}
