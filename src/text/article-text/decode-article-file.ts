/** Largest article file accepted: far beyond any news story, small enough to read at once. */
export const MAX_ARTICLE_FILE_BYTES = 1024 * 1024

export type DecodedFile = { ok: true; text: string } | { ok: false; reason: string }

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** File bytes → text, refusing what cannot be an article: too large, binary, not UTF-8, or empty. */
export function decodeArticleFile(bytes: Uint8Array): DecodedFile {
  if (bytes.byteLength > MAX_ARTICLE_FILE_BYTES) {
    return {
      ok: false,
      reason: `is too large (${formatBytes(bytes.byteLength)}; the limit is ${formatBytes(MAX_ARTICLE_FILE_BYTES)})`,
    }
  }
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

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}
