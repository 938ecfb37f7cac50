export type Encoding = 'br' | 'gzip' | 'identity'

/**
 * The best encoding a client accepts among those we precompress. Reads
 * q-values, so "br;q=0" refuses brotli; an absent header means identity.
 */
export function pickEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity'
  let best: Encoding = 'identity'
  let bestQ = 0
  for (const part of acceptEncoding.split(',')) {
    const [rawName = '', ...params] = part.trim().split(';')
    const name = rawName.trim().toLowerCase()
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const q = qParam ? Number(qParam.slice(2)) : 1
    if (!(q > 0)) continue
    // Prefer brotli over gzip at equal weight: it is smaller.
    const candidate: Encoding | undefined =
      name === 'br'
        ? 'br'
        : name === 'gzip' || name === 'x-gzip'
          ? 'gzip'
          : name === '*'
            ? 'br'
            : undefined
    if (candidate && (q > bestQ || (q === bestQ && candidate === 'br'))) {
      best = candidate
      bestQ = q
    }
  }
  return best
}
