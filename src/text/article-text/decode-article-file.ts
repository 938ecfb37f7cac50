/** Largest article file accepted: far beyond any news story, small enough to read at once. */
export const MAX_ARTICLE_FILE_BYTES = 1024 * 1024

export type DecodedFile = { ok: true; text: string } | { ok: false; reason: string }

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** File bytes → text, refusing what cannot be an article: too large, binary, not UTF-8, or empty. */
export function decodeArticleFile(bytes: Uint8Array): DecodedFile {
  const tooLarge = sizeProblem(bytes.byteLength)
  if (tooLarge) return { ok: false, reason: tooLarge }
  if (bytes.includes(0)) return { ok: false, reason: 'is a binary file, not text' }
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return { ok: false, reason: 'is not UTF-8 text' }
  }
  if (text.trim() === '') return { ok: false, reason: 'is empty' }
  return { ok: true, text }
}

/** Why a file of this size is refused, or undefined when the size is fine. */
export function sizeProblem(bytes: number): string | undefined {
  if (bytes <= MAX_ARTICLE_FILE_BYTES) return undefined
  return `is too large (${bytes.toLocaleString('en')} bytes; the limit is ${MAX_ARTICLE_FILE_BYTES.toLocaleString('en')} bytes, 1 MiB)`
}
