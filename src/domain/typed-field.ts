import { asWrittenLine, asWrittenText } from '../text/control-characters.js'
import { ValidationError } from './errors.js'

export interface FieldRule {
  field: string
  code: string
  max: number
  /** Whether an empty value is refused too. */
  required?: boolean
  /** What the person is told when the value breaks the rule. */
  message: string
}

function checked(value: string, rule: FieldRule): string {
  if ((rule.required && value === '') || value.length > rule.max) {
    throw new ValidationError(rule.code, rule.message, { field: rule.field })
  }
  return value
}

/** A one-line field as typed: control characters out, trimmed, within its rule. */
export const checkedLine = (typed: string, rule: FieldRule): string =>
  checked(asWrittenLine(typed).trim(), rule)

/** A field of several lines as typed: control characters out (lines kept), trimmed, within its rule. */
export const checkedText = (typed: string, rule: FieldRule): string =>
  checked(asWrittenText(typed).trim(), rule)
