// An embed as HTML text, for the Markdown renderer. Every value is escaped:
// the link and the frame address come from recognizeEmbed, which already
// refuses quotes and angle brackets, and are escaped again here regardless.
import type { Embed } from './embeds.js'
import { escapeAttribute } from './picture-html.js'

/** The link alone, as feeds and the plain-text export give it. */
export function embedLinkHtml(embed: Embed): string {
  const url = escapeAttribute(embed.url)
  return `<p><a href="${url}">${url}</a></p>\n`
}

/**
 * The click-to-load placeholder readers get. It reserves the box the embed
 * will fill (by its shape), says what loading it contacts, and carries the
 * link, which works without JavaScript. The frame address sits in a data
 * attribute: nothing is requested until the page's script makes the frame.
 */
export function embedPlaceholderHtml(embed: Embed): string {
  const url = escapeAttribute(embed.url)
  const name = escapeAttribute(embed.name)
  const service = escapeAttribute(embed.service)
  const kind = escapeAttribute(embed.kind)
  const frame = embed.frame
    ? ` data-embed-frame="${escapeAttribute(embed.frame)}" data-embed-title="${name} ${kind}"`
    : ''
  const note = embed.frame
    ? `Loading this ${kind} contacts ${service}, which may set cookies and see your address.`
    : `This ${kind} is on ${service}; the link opens it there.`
  const button = embed.frame
    ? `<button type="button" class="embed-load" hidden>Load ${name} ${kind}</button>`
    : ''
  return (
    `<figure class="embed embed-${embed.shape}${embed.frame ? ' embed-frame' : ''}"${frame}>` +
    `<div class="embed-box"><p class="embed-source">${name}</p>` +
    `<p class="embed-note">${note}</p>${button}</div>` +
    `<figcaption class="embed-link"><a href="${url}">${url}</a></figcaption></figure>\n`
  )
}
