// A WXR file as a stream of its channel's records (authors, categories, tags,
// items), each a small tree, with saxes: the file is never held whole, and
// neither entity declarations nor external entities are ever read (a DOCTYPE
// is refused; an entity WordPress does not write is an error).
import { SaxesParser, type SaxesTagPlain } from 'saxes'
import { ImportSourceError, type OpenSource } from '../import-item.js'

/** One element of a record: its text (CDATA included) and its child elements. */
export interface XmlNode {
  name: string
  attributes: Record<string, string>
  text: string
  children: XmlNode[]
}

/** What the root and channel say before the records. */
export interface WxrHeader {
  /** The WXR version from the wp namespace (1.0, 1.1, 1.2). */
  version: string
  siteUrl: string
}

/** A record, or a record too large to keep (its name and why). */
export type WxrRecord = { node: XmlNode } | { tooLarge: { name: string; chars: number } }

/** The most text one record may carry; a post longer than this is no article. */
export const MAX_RECORD_CHARS = 8_000_000

const WXR_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/(\d+\.\d+)\/?$/
const KNOWN_VERSIONS = ['1.0', '1.1', '1.2']

function versionOf(tag: SaxesTagPlain): string {
  const attributes = tag.attributes
  const namespace = attributes['xmlns:wp']
  if (tag.name !== 'rss' || namespace === undefined) {
    const what = tag.name === 'feed' ? 'an Atom feed (Blogger and others)' : `<${tag.name}>`
    throw new ImportSourceError(
      `This is not a WordPress export: it is ${what}, without the WordPress (wp:) namespace.`,
    )
  }
  const version = WXR_NAMESPACE.exec(namespace)?.[1]
  if (version === undefined || !KNOWN_VERSIONS.includes(version)) {
    throw new ImportSourceError(
      `This WordPress export uses an unknown WXR version (${namespace}); versions 1.0 to 1.2 can be read.`,
    )
  }
  return version
}

/**
 * Reads the file and yields its header once, then each record under the
 * channel as it closes. Throws ImportSourceError, with the line and column,
 * at the first thing that is not well-formed XML.
 */
export async function* readWxr(open: OpenSource): AsyncGenerator<WxrHeader | WxrRecord> {
  const parser = new SaxesParser({ position: true })
  const ready: (WxrHeader | WxrRecord)[] = []
  const stack: XmlNode[] = []
  let depth = 0
  let chars = 0
  let oversize = false
  let siteUrl = ''
  let version = ''
  let failure: ImportSourceError | undefined

  const fail = (message: string) => {
    failure ??= new ImportSourceError(message, { line: parser.line, column: parser.column + 1 })
  }
  parser.on('error', (error) => fail(error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')))
  parser.on('doctype', () =>
    fail(
      'The file declares a DOCTYPE; a WordPress export has none, and its entities are never read.',
    ),
  )
  parser.on('opentag', (tag) => {
    depth++
    if (depth === 1) {
      try {
        version = versionOf(tag as SaxesTagPlain)
      } catch (error) {
        failure ??= error as ImportSourceError
      }
      return
    }
    if (depth < 3) return
    if (depth === 3) {
      chars = 0
      oversize = false
    }
    const node: XmlNode = {
      name: tag.name,
      attributes: { ...(tag as SaxesTagPlain).attributes },
      text: '',
      children: [],
    }
    stack.at(-1)?.children.push(node)
    stack.push(node)
  })
  const onText = (text: string) => {
    const node = stack.at(-1)
    if (!node || oversize) return
    chars += text.length
    if (chars > MAX_RECORD_CHARS) {
      oversize = true
      return
    }
    node.text += text
  }
  parser.on('text', onText)
  parser.on('cdata', onText)
  parser.on('closetag', (tag) => {
    depth--
    if (depth < 2) return
    const node = stack.pop()
    if (depth === 2 && node) {
      if (tag.name === 'link' && !siteUrl) siteUrl = node.text.trim()
      if (tag.name === 'wp:base_site_url') siteUrl = node.text.trim()
      if (oversize) ready.push({ tooLarge: { name: node.name, chars } })
      else ready.push({ node })
    }
  })

  const decoder = new TextDecoder('utf-8', { fatal: true })
  let headerSent = false
  for await (const chunk of open()) {
    let text: string
    try {
      text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
    } catch {
      throw new ImportSourceError('The file is not UTF-8 text.')
    }
    parser.write(text)
    if (failure) throw failure
    if (!headerSent && version) {
      // The channel's own fields come before its items in every WXR.
      const firstItem = ready.findIndex((r) => 'node' in r && r.node.name === 'item')
      if (firstItem >= 0 || ready.length > 64) {
        headerSent = true
        yield { version, siteUrl }
      }
    }
    if (headerSent) yield* ready.splice(0)
  }
  parser.close()
  if (failure) throw failure
  if (!version) {
    throw new ImportSourceError('The file is empty: there is no WordPress export in it.')
  }
  if (!headerSent) yield { version, siteUrl }
  yield* ready.splice(0)
}

/** The text of a record's child, by name ('' when absent). */
export function childText(node: XmlNode, name: string): string {
  return node.children.find((child) => child.name === name)?.text ?? ''
}

export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((child) => child.name === name)
}
