export const MAX_SLUG_LENGTH = 80

/** A well-formed slug: lower-case ASCII letters and digits, in runs joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/**
 * A URL slug: lower-case ASCII letters, digits and single hyphens.
 * Accents are folded ("Évora" → "evora"); everything else becomes a hyphen.
 */
export function slugify(text: string, maxLength = MAX_SLUG_LENGTH): string {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (folded.length <= maxLength) return folded
  const cut = folded.slice(0, maxLength)
  // Cut at a word boundary when one is reasonably close.
  const lastHyphen = cut.lastIndexOf('-')
  return (lastHyphen > maxLength / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '')
}

/** Whether a string is already a well-formed slug. */
export function isSlug(value: string, maxLength = MAX_SLUG_LENGTH): boolean {
  return value.length > 0 && value.length <= maxLength && SLUG_PATTERN.test(value)
}
