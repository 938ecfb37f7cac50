// The long story bench/typing.ts types into, and how its figures are summed up.

/** A story of about `words` words, with what newsrooms put in one: subheadings, lists, quotes, marks, links. */
export function storyOfWords(words: number, next: () => number, vocabulary: string[]): string {
  const word = () => vocabulary[Math.floor(next() * vocabulary.length)] ?? 'word'
  const sentence = (length: number) => {
    const text = Array.from({ length }, word).join(' ')
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
  }
  const blocks: string[] = []
  let count = 0
  while (count < words) {
    const kind = blocks.length % 12
    if (kind === 5) {
      blocks.push(`## ${sentence(5).slice(0, -1)}`)
      count += 5
    } else if (kind === 8) {
      blocks.push(['- ', '- ', '- '].map((marker) => marker + sentence(8)).join('\n'))
      count += 24
    } else if (kind === 10) {
      blocks.push(`> ${sentence(20)}`)
      count += 20
    } else {
      const lengths = [14, 18, 11, 20]
      const sentences = lengths.map((length) => sentence(length))
      sentences[1] = `**${sentences[1] ?? ''}**`
      sentences[2] = `[${sentences[2] ?? ''}](https://example.com/report)`
      blocks.push(sentences.join(' '))
      count += lengths.reduce((sum, length) => sum + length, 0)
    }
  }
  return blocks.join('\n\n')
}

export interface Latencies {
  /** Per key: keydown to the frame that shows it, in ms. */
  keys: number[]
  /** Main-thread tasks over 50 ms while typing, in ms. */
  longTasks: number[]
  /** Keydowns whose Event Timing duration passed 16 ms. */
  slowEvents: number[]
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? NaN
}

export function summary({ keys, longTasks, slowEvents }: Latencies): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`
  const spread = (values: readonly number[]) => {
    const sorted = [...values].sort((a, b) => a - b)
    return `p50 ${ms(percentile(sorted, 0.5))}, p95 ${ms(percentile(sorted, 0.95))}, max ${ms(sorted.at(-1) ?? NaN)}`
  }
  return [
    `${keys.length} keys, keydown to paint: ${spread(keys)}`,
    `    long tasks: ${longTasks.length}${longTasks.length ? ` (max ${ms(Math.max(...longTasks))})` : ''}`,
    `    Event Timing, keydowns of 16 ms or more: ${slowEvents.length}${slowEvents.length ? ` (${spread(slowEvents)})` : ''}`,
  ].join('\n')
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]
  samples?: number[]
  timeDeltas?: number[]
}

/** A CPU profile's functions by the time spent in them alone, the busiest first. */
export function busiestFunctions(profile: CpuProfile, count: number): string {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node.callFrame]))
  const selfMs = new Map<string, number>()
  profile.samples?.forEach((id, index) => {
    const frame = byNode.get(id)
    if (!frame) return
    const file = frame.url.split('/').at(-1) ?? ''
    const name = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`
    selfMs.set(name, (selfMs.get(name) ?? 0) + (profile.timeDeltas?.[index] ?? 0) / 1000)
  })
  return [...selfMs]
    .filter(([name]) => !name.startsWith('(idle)') && !name.startsWith('(program)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => `  ${ms.toFixed(1).padStart(8)} ms  ${name}`)
    .join('\n')
}
