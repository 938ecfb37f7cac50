/**
 * Whether an If-None-Match header matches an entity tag, by the weak
 * comparison RFC 9110 prescribes for it: `W/` prefixes are ignored, the header
 * may list several tags, and `*` matches anything.
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  const wanted = opaque(etag)
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim()
    return tag === '*' || opaque(tag) === wanted
  })
}

function opaque(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag
}
