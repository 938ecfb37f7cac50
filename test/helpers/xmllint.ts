import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const SCHEMAS = fileURLToPath(new URL('../fixtures/schemas/sitemap/', import.meta.url))

/** The local wrappers that import the sitemaps.org and Google News XSDs by path. */
export const SITEMAP_SCHEMAS = {
  urlset: `${SCHEMAS}all-urlset.xsd`,
  sitemapindex: `${SCHEMAS}all-siteindex.xsd`,
} as const

/**
 * Why XML schema validation cannot run here, or undefined when it can.
 * Outside CI the validating tests skip with this reason; CI must run them.
 */
export function xmllintUnavailable(): string | undefined {
  const probe = spawnSync('xmllint', ['--version'], { encoding: 'utf8' })
  if (!probe.error && probe.status === 0) return undefined
  const reason = 'xmllint not found (apt-get install libxml2-utils)'
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`${reason}; CI must validate the sitemaps`)
  }
  return reason
}

/** Validates a document against an XSD with xmllint, offline; the errors when it fails. */
export function validateXml(
  xml: string,
  schema: keyof typeof SITEMAP_SCHEMAS,
): { valid: boolean; output: string } {
  const result = spawnSync(
    'xmllint',
    ['--noout', '--nonet', '--schema', SITEMAP_SCHEMAS[schema], '-'],
    { input: xml, encoding: 'utf8' },
  )
  return { valid: result.status === 0, output: `${result.stdout}${result.stderr}` }
}
