import { markdownToTextBlocks } from './markdown.js'
import { splitSentences } from './sentences.js'

/** A brief's longest; the newsroom's live SEO defaults (assets/desk.js) cut the standfirst the same way. */
export const BRIEF_LENGTH = 220

/** Shortens text to at most `max` characters at a word boundary, marking the cut with "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`
}

/**
 * One line about a story for a rail of briefs: its standfirst, else its first
 * key point, else the first sentence of its body.
 */
export function briefLine(story: {
  standfirst: string
  keyPoints: readonly string[]
  body: string
}): string {
  if (story.standfirst !== '') return truncate(story.standfirst, BRIEF_LENGTH)
  const point = story.keyPoints[0]
  if (point !== undefined) return truncate(point, BRIEF_LENGTH)
  // The lead is near the top; parsing all of a long body would be waste.
  const lead = markdownToTextBlocks(story.body.slice(0, 2000)).find(
    (block) => block.kind === 'paragraph',
  )
  return lead ? truncate(splitSentences(lead.text)[0] ?? '', BRIEF_LENGTH) : ''
}
