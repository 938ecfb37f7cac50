import assert from 'node:assert/strict'
import { HtmlValidate, StaticConfigLoader } from 'html-validate'

const validator = new HtmlValidate(
  new StaticConfigLoader({
    extends: ['html-validate:recommended'],
    rules: {
      // preact-render-to-string's output style: a lower-case doctype and self-closed void
      // elements (<meta/>). Both are valid HTML; hold the pages to that one style.
      'doctype-style': ['error', { style: 'lowercase' }],
      'void-style': ['error', { style: 'selfclose' }],
      // A story's <title> is its headline and the site name; headlines are the newsroom's
      // to write (up to 250 characters), not a 70-character search-engine guideline.
      'long-title': 'off',
    },
  }),
)

/** Asserts that a page is valid HTML under the site's rules; `label` names it in the failure. */
export async function assertValidHtml(html: string, label: string): Promise<void> {
  const report = await validator.validateString(html)
  const problems = report.results.flatMap((result) =>
    result.messages.map(
      (m) => `${m.ruleId}: ${m.message} (${m.selector ?? `${m.line}:${m.column}`})`,
    ),
  )
  assert.deepEqual(problems, [], label)
}
