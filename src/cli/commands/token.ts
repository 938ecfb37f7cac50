import { COMMAND_LINE } from '../../domain/access/policy.js'
import { DomainError } from '../../domain/errors.js'
import type { AppContext } from '../../context.js'
import type { CliOutput } from '../io.js'

/** `dateline token create --user EMAIL --name NAME [--expires DAYS]`: prints the token once. */
export async function runTokenCreate(
  ctx: AppContext,
  options: { user: string; name: string; expires?: string },
  out: CliOutput,
): Promise<number> {
  const expiresDays = options.expires === undefined ? undefined : Number(options.expires)
  if (expiresDays !== undefined && !/^\d{1,5}$/.test(options.expires ?? '')) {
    out.error(`--expires is a number of days (got "${options.expires}").`)
    return 2
  }
  try {
    const tokens = ctx.services.apiTokens
    const userId = await tokens.userIdByEmail(options.user)
    const { token, record } = await tokens.create(COMMAND_LINE, {
      userId,
      name: options.name,
      ...(expiresDays === undefined ? {} : { expiresDays }),
    })
    out.log(`Created token "${record.name}" for ${options.user}.`)
    out.log(
      record.expiresAt
        ? `It expires ${record.expiresAt.toISOString()}.`
        : 'It does not expire; revoke it in the newsroom when it is no longer needed.',
    )
    out.log(`Token: ${token}`)
    out.log(
      'It is not shown again, and only its hash is kept. Send it as "Authorization: Bearer …".',
    )
    return 0
  } catch (error) {
    if (error instanceof DomainError) {
      out.error(error.message)
      return 1
    }
    throw error
  }
}
