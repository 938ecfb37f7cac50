import { Fragment } from 'preact'

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+|\bwww\.[^\s<>"]+/gi

/** A link only if it is a well-formed http(s) URL; trailing punctuation stays outside it. */
function linkOf(raw: string): { href: string; text: string; rest: string } | undefined {
  const trimmed = raw.replace(/[.,;:!?)\]'"’”]+$/, '')
  const rest = raw.slice(trimmed.length)
  try {
    const url = new URL(trimmed.startsWith('www.') ? `https://${trimmed}` : trimmed)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
    return { href: url.href, text: trimmed, rest }
  } catch {
    return undefined
  }
}

function Line({ text }: { text: string }) {
  const parts: (string | { href: string; text: string })[] = []
  let last = 0
  for (const match of text.matchAll(URL_PATTERN)) {
    const link = linkOf(match[0])
    if (!link) continue
    parts.push(text.slice(last, match.index), { href: link.href, text: link.text }, link.rest)
    last = match.index + match[0].length
  }
  parts.push(text.slice(last))
  return (
    <>
      {parts.map((part, index) =>
        typeof part === 'string' ? (
          part
        ) : (
          // Readers' links earn no ranking from us and get no window.opener.
          <a key={index} href={part.href} rel="nofollow ugc noopener noreferrer">
            {part.text}
          </a>
        ),
      )}
    </>
  )
}

/**
 * A reader's comment as plain text: paragraphs at blank lines, line breaks
 * kept, web addresses linked with rel="nofollow ugc". Nothing the reader wrote
 * is ever read as markup: JSX escapes every character.
 */
export function CommentText({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((paragraph, index) => (
        <p key={index}>
          {paragraph.split('\n').map((line, lineIndex) => (
            <Fragment key={lineIndex}>
              {lineIndex > 0 && <br />}
              <Line text={line} />
            </Fragment>
          ))}
        </p>
      ))}
    </>
  )
}
