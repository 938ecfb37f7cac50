// A Ghost post without html (exports made by scripts sometimes leave it out):
// its mobiledoc (Ghost 2–4) or lexical (Ghost 5) document made into HTML,
// for the same HTML → Markdown conversion. Cards with words keep them.
import MarkdownIt from 'markdown-it'

type Json = Record<string, unknown>

const markdown = new MarkdownIt({ html: false })

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const str = (value: unknown): string => (typeof value === 'string' ? value : '')
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
const obj = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {}

/** A card (mobiledoc) or decorator node (lexical) as HTML. */
function cardHtml(name: string, payload: Json): string {
  switch (name) {
    case 'markdown':
    case 'card-markdown':
      return markdown.render(str(payload['markdown']))
    case 'html':
      return str(payload['html'])
    case 'image': {
      const src = escapeHtml(str(payload['src']))
      const alt = escapeHtml(str(payload['alt']) || str(payload['altText']))
      return `<figure><img src="${src}" alt="${alt}"><figcaption>${str(payload['caption'])}</figcaption></figure>`
    }
    case 'embed':
    case 'bookmark':
      return `<p>${escapeHtml(str(payload['url']))}</p>`
    case 'hr':
    case 'horizontalrule':
      return '<hr>'
    default:
      return ''
  }
}

function mobiledocHtml(doc: Json): string {
  const markups = list(doc['markups']).map((markup) => str(list(markup)[0]))
  const cards = list(doc['cards']).map((card) => list(card))
  const markersHtml = (markers: unknown[]): string => {
    const open: string[] = []
    let html = ''
    for (const marker of markers.map(list)) {
      for (const index of list(marker[1])) {
        const tag = markups[Number(index)] ?? ''
        if (/^[a-z]+\d?$/.test(tag)) {
          open.push(tag)
          html += `<${tag}>`
        }
      }
      html += marker[0] === 0 ? escapeHtml(str(marker[3])) : ''
      for (let n = Number(marker[2]) || 0; n > 0 && open.length > 0; n--) html += `</${open.pop()}>`
    }
    return html
  }
  return list(doc['sections'])
    .map((raw) => {
      const section = list(raw)
      const tag = str(section[1])
      if (section[0] === 1 && /^(p|h[1-6]|blockquote|aside)$/.test(tag)) {
        return `<${tag}>${markersHtml(list(section[2]))}</${tag}>`
      }
      if (section[0] === 3 && /^(ul|ol)$/.test(tag)) {
        const items = list(section[2]).map((item) => `<li>${markersHtml(list(item))}</li>`)
        return `<${tag}>${items.join('')}</${tag}>`
      }
      if (section[0] === 10) {
        const card = cards[Number(section[1])] ?? []
        return cardHtml(str(card[0]), obj(card[1]))
      }
      return ''
    })
    .join('\n')
}

function lexicalHtml(node: Json): string {
  const inner = () =>
    list(node['children'])
      .map((child) => lexicalHtml(obj(child)))
      .join('')
  const type = str(node['type'])
  switch (type) {
    case 'root':
      return inner()
    case 'paragraph':
      return `<p>${inner()}</p>`
    case 'heading': {
      const tag = /^h[1-6]$/.test(str(node['tag'])) ? str(node['tag']) : 'h2'
      return `<${tag}>${inner()}</${tag}>`
    }
    case 'quote':
      return `<blockquote>${inner()}</blockquote>`
    case 'list':
      return node['listType'] === 'number' ? `<ol>${inner()}</ol>` : `<ul>${inner()}</ul>`
    case 'listitem':
      return `<li>${inner()}</li>`
    case 'link':
      return `<a href="${escapeHtml(str(node['url']))}">${inner()}</a>`
    case 'linebreak':
      return '<br>'
    case 'text': {
      const format = Number(node['format']) || 0
      let html = escapeHtml(str(node['text']))
      if (format & 1) html = `<strong>${html}</strong>`
      if (format & 2) html = `<em>${html}</em>`
      return html
    }
    default:
      return cardHtml(type, node)
  }
}

/** The post's document as HTML ('' when it has none), noting which one was read. */
export function documentToHtml(post: Record<string, unknown>, warnings: string[]): string {
  for (const [field, toHtml] of [
    ['lexical', (doc: Json) => lexicalHtml(obj(doc['root']))],
    ['mobiledoc', mobiledocHtml],
  ] as const) {
    const source = post[field]
    if (typeof source !== 'string' || source === '') continue
    try {
      const html = toHtml(obj(JSON.parse(source)))
      warnings.push(`It had no html; its ${field} document was read instead.`)
      return html
    } catch {
      warnings.push(`Its ${field} document is not readable JSON.`)
    }
  }
  return ''
}
