// What the bad-input probes share: a probe sends one value to one route and
// returns the status it got; forms are encoded as browsers encode them.
export type Probe = (value: string, index: number) => Promise<number>

export const FORM = 'application/x-www-form-urlencoded'

export function form(fields: Record<string, string | string[]>): string {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item)
  }
  return body.toString()
}
