// A deterministic corpus of news articles in the archive form, for the benchmark.
// Words come from the demo articles, so the text has real word lengths and rhythm.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { formatDateLine } from '../src/text/article-text/date-line.js'

/** mulberry32: a small seeded generator, so every run builds the same corpus. */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const DEMO = new URL('../demo/articles/', import.meta.url).pathname

function vocabulary(): string[] {
  const words = new Set<string>()
  for (const section of readdirSync(DEMO)) {
    for (const file of readdirSync(join(DEMO, section))) {
      for (const word of readFileSync(join(DEMO, section, file), 'utf8').split(/[^A-Za-z']+/)) {
        if (word.length > 1 && word === word.toLowerCase()) words.add(word)
      }
    }
  }
  return [...words]
}

const FIRST = [
  'Ana',
  'Omar',
  'Priya',
  'Tom',
  'Ines',
  'Kenji',
  'Lucia',
  'Fatima',
  'Daniel',
  'Siobhan',
  'Mikael',
  'Amara',
  'Jonas',
  'Zoe',
  'Rafael',
  'Hana',
  'Ivan',
  'Leila',
  'Marco',
  'Nadia',
]
const LAST = [
  'Lind',
  'Haddad',
  'Nair',
  'Reyes',
  'Carvalho',
  'Aoyama',
  'Ferreyra',
  'Benali',
  'Achterberg',
  'Morel',
  'Sundqvist',
  'Okafor',
  'Vik',
  'Adams',
  'Costa',
  'Sato',
]
const PLACES = [
  'LISBON, PORTUGAL',
  'NAIROBI, KENYA',
  'GLASGOW',
  'OSAKA, JAPAN',
  'LIMA, PERU',
  'OSLO, NORWAY',
  'ACCRA, GHANA',
  'DENVER, UNITED STATES',
  'HANOI, VIETNAM',
  'PORTO, PORTUGAL',
  'CAIRO, EGYPT',
  'QUITO, ECUADOR',
  'GDANSK, POLAND',
  'PERTH, AUSTRALIA',
  'TUNIS, TUNISIA',
  'LYON, FRANCE',
]
const DEMO_SECTIONS = ['news', 'politics', 'features', 'arts', 'entertainment', 'society', 'sport']
const MORE_SECTIONS = ['business', 'science', 'health', 'travel', 'opinion', 'technology', 'books']
/**
 * The sections stories are spread over. BENCH_SECTIONS=12 adds five (the home page
 * then carries about 60 stories: lead, 4 top, 6 briefs and 4 in each of 12 blocks).
 */
export const SECTIONS = [...DEMO_SECTIONS, ...MORE_SECTIONS].slice(
  0,
  Math.max(1, Math.min(Number(process.env.BENCH_SECTIONS ?? DEMO_SECTIONS.length), 14)),
)

export interface CorpusArticle {
  section: string
  tags: string[]
  text: string
}

/** `count` articles spread over the three years before `end`, oldest first. */
export function* corpus(count: number, end: Date, seed = 2015): Generator<CorpusArticle> {
  const next = random(seed)
  const words = vocabulary()
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T
  const sentence = (min: number, max: number) => {
    const length = min + Math.floor(next() * (max - min))
    const text = Array.from({ length }, () => pick(words)).join(' ')
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
  }
  const authors = Array.from(
    { length: 60 },
    (_, i) => `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
  )
  const tags = Array.from({ length: 200 }, (_, i) =>
    `${pick(words)} ${i}`.replace(/^./, (c) => c.toUpperCase()),
  )
  const span = 3 * 365 * 86_400_000
  for (let i = 0; i < count; i++) {
    const date = new Date(end.getTime() - span + Math.floor((span * i) / count))
    const bylines = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(authors))
    const unique = [...new Set(bylines)]
    const byline =
      unique.length > 1 ? `${unique.slice(0, -1).join(', ')} and ${unique.at(-1)}` : unique[0]
    const headline = `${sentence(6, 12).slice(0, -1)} ${i}`
    const paragraphs: string[] = []
    const paragraphCount = 8 + Math.floor(next() * 12)
    for (let p = 0; p < paragraphCount; p++) {
      if (p > 2 && p % 6 === 0) paragraphs.push(`- ${sentence(2, 5).slice(0, -1)} -`)
      else if (p % 5 === 3) paragraphs.push(`"${sentence(8, 20)}" said ${pick(authors)}.`)
      else {
        paragraphs.push(
          Array.from({ length: 2 + Math.floor(next() * 3) }, () => sentence(10, 25)).join(' '),
        )
      }
    }
    const day = {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
    }
    const text = [
      headline,
      '',
      sentence(15, 30),
      '',
      `${pick(PLACES)}, ${byline}- ${paragraphs[0]}`,
      ...paragraphs.slice(1),
      '',
      formatDateLine(day),
      `${byline}-`,
      '',
      'At a glance',
      `- ${sentence(8, 14)}`,
      `- ${sentence(8, 14)}`,
      `- ${sentence(8, 14)}`,
      '',
    ].join('\n')
    yield { section: pick(SECTIONS), tags: [pick(tags), pick(tags), pick(tags)], text }
  }
}

/** A reader's comment of a few sentences. */
export function commentText(next: () => number, words: readonly string[]): string {
  const length = 8 + Math.floor(next() * 40)
  const text = Array.from({ length }, () => words[Math.floor(next() * words.length)]).join(' ')
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}

export { vocabulary }
