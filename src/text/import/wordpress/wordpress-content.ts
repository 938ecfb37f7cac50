// WordPress's post content as it is stored, made into HTML a converter can
// read: the autop rules (blank lines are paragraphs, single newlines breaks),
// and the common shortcodes ([caption], [gallery], [embed], video links alone
// on a line). Block-editor content is HTML already; its comments are dropped.

/** What a gallery needs: an attachment's address and words, by its id. */
export interface AttachmentInfo {
  url: string
  alt: string
  caption: string
  title: string
}

const BLOCK_TAGS =
  'table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary|iframe|video|audio|script'

const OPENS_BLOCK = new RegExp(`^\\s*</?(?:${BLOCK_TAGS})[\\s/>]`, 'i')

const escapeAttribute = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/** A shortcode's attributes: name="value", name='value' or name=value. */
function attributesOf(text: string): Record<string, string> {
  const attributes: Record<string, string> = {}
  for (const match of text.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s\]]+))/g)) {
    const [, name, double, single, bare] = match
    if (name) attributes[name.toLowerCase()] = double ?? single ?? bare ?? ''
  }
  return attributes
}

function captionToFigure(content: string): string {
  return content.replace(
    /\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/gi,
    (_all, rawAttributes: string, inner: string) => {
      const attributes = attributesOf(rawAttributes)
      // The caption is the text after the picture (or its link), or the attribute of old versions.
      const picture = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(inner)
      const image = picture?.[1] ?? ''
      const caption = (picture?.[2] ?? inner).trim() || attributes['caption'] || ''
      return `\n\n<figure>${image}<figcaption>${caption}</figcaption></figure>\n\n`
    },
  )
}

function galleryToFigures(
  content: string,
  attachments: ReadonlyMap<string, AttachmentInfo>,
  warnings: string[],
): string {
  return content.replace(/\[gallery([^\]]*)\]/gi, (_all, rawAttributes: string) => {
    const ids = (attributesOf(rawAttributes)['ids'] ?? '').split(',').map((id) => id.trim())
    const figures = ids
      .filter((id) => id !== '')
      .map((id) => {
        const attachment = attachments.get(id)
        if (!attachment) {
          warnings.push(`The gallery names attachment ${id}, which is not in the export.`)
          return ''
        }
        const img = `<img src="${escapeAttribute(attachment.url)}" alt="${escapeAttribute(attachment.alt)}" title="${escapeAttribute(attachment.title)}">`
        return `<figure>${img}<figcaption>${escapeAttribute(attachment.caption)}</figcaption></figure>`
      })
    if (figures.length === 0 && ids.every((id) => id === '')) {
      warnings.push('A gallery without ids (the post’s attached images) was left out.')
    }
    return `\n\n${figures.join('\n\n')}\n\n`
  })
}

/** [embed]URL[/embed], [video src=URL], [audio src=URL]: the address alone on a line. */
function embedsToLines(content: string): string {
  return content
    .replace(/\[embed[^\]]*\]\s*(\S+?)\s*\[\/embed\]/gi, '\n\n$1\n\n')
    .replace(/\[(?:video|audio)([^\]]*)\](?:\s*\[\/(?:video|audio)\])?/gi, (_all, raw: string) => {
      const attributes = attributesOf(raw)
      const src =
        attributes['src'] ?? attributes['mp4'] ?? attributes['mp3'] ?? attributes['webm'] ?? ''
      return src ? `\n\n${src}\n\n` : ''
    })
}

/** Shortcodes not read here keep their inner text; the tags themselves are dropped. */
function dropOtherShortcodes(content: string, warnings: string[]): string {
  return content.replace(/\[\/?([a-z][\w-]*)(?:\s[^\]]*)?\]/gi, (all, name: string) => {
    // A bracketed word in prose ([sic], [1]) is no shortcode: only lower-case names with _ or - or known forms.
    if (!/^[a-z][a-z0-9_-]*$/.test(name) || ['sic', 'citation', 'sic!'].includes(name)) return all
    if (all.startsWith('[/')) return ''
    warnings.push(`The shortcode [${name}] is not known; its text was kept.`)
    return ''
  })
}

/**
 * WordPress's wpautop, in its essentials: text separated by blank lines is a
 * paragraph unless it is a block element already; a single newline inside a
 * paragraph is a line break. <pre> keeps its newlines.
 */
export function autop(content: string): string {
  const pres: string[] = []
  const guarded = content
    .replace(/\r\n?/g, '\n')
    .replace(/<pre[\s>][\s\S]*?<\/pre>/gi, (pre) => `<pre-${pres.push(pre) - 1}>`)
    // Block tags start and end their own chunks.
    .replace(new RegExp(`(<(?:${BLOCK_TAGS})[\\s/>])`, 'gi'), '\n\n$1')
    .replace(new RegExp(`(</(?:${BLOCK_TAGS})>)`, 'gi'), '$1\n\n')
  const chunks = guarded
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk !== '')
  return chunks
    .map((chunk) => {
      if (/^<pre-\d+>$/.test(chunk) || OPENS_BLOCK.test(chunk)) return chunk
      return `<p>${chunk.replace(/\n/g, '<br>\n')}</p>`
    })
    .join('\n')
    .replace(/<pre-(\d+)>/g, (_all, index: string) => pres[Number(index)] ?? '')
}

/** A block-editor post: it carries its block comments, and its HTML has its paragraphs already. */
export function isBlockContent(content: string): boolean {
  return /<!--\s+wp:/.test(content)
}

/**
 * A post's content as HTML: shortcodes made into markup, then the autop rules
 * for classic content. Warnings name what could not be kept.
 */
export function wordpressContentToHtml(
  content: string,
  attachments: ReadonlyMap<string, AttachmentInfo>,
  warnings: string[],
): string {
  let html = content.replace(/<!--[\s\S]*?-->/g, '')
  html = captionToFigure(html)
  html = galleryToFigures(html, attachments, warnings)
  html = embedsToLines(html)
  html = dropOtherShortcodes(html, warnings)
  // Blocks are HTML already; classic content is not, and both may have lines that are only an address.
  return isBlockContent(content) ? html : autop(html)
}
