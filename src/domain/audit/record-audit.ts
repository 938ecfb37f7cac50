import type { Clock } from '../clock.js'
import type { IdGenerator } from '../ids.js'
import type { AuditEntry, AuditStore } from './audit.js'

/** Appends one event to the audit log; called inside the transaction that made the change. */
export async function recordAudit(
  audit: AuditStore,
  { clock, newId }: { clock: Clock; newId: IdGenerator },
  entry: AuditEntry,
): Promise<void> {
  await audit.insert({
    id: newId(),
    at: clock.now(),
    actorId: entry.actor.id,
    actorName: entry.actor.displayName,
    action: entry.action,
    subject: entry.subject,
    details: entry.details ?? '',
  })
}
