// Every alert in ops/alerts.yml must lead an on-call engineer somewhere useful: its runbook
// exists and says what it means, how to confirm, fix and verify. promtool (in .ci/run) tests
// that each rule fires; this keeps the rules and docs/runbooks/ from drifting apart.
import { describe, expect, test } from 'bun:test'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dir, '../..')
const rules = readFileSync(join(root, 'ops/alerts.yml'), 'utf8')
const tests = readFileSync(join(root, 'ops/alerts.test.yml'), 'utf8')
const alerts = [...rules.matchAll(/- alert: (\w+)[\s\S]*?runbook_url: (\S+)/g)].map((m) => ({
  name: m[1]!,
  runbook: m[2]!,
}))

describe('alert rules and runbooks', () => {
  test('the rule file names the alerts the operations checklist asks for', () => {
    expect(alerts.map((a) => a.name).sort()).toEqual(
      [
        'DatabaseConnectionsSaturated',
        'DeadLetterQueueNotEmpty',
        'JobQueueBacklog',
        'LedgerReconciliationFindings',
        'OtpDeliveryFailing',
        'PosConnectionsUnhealthy',
        'PosProcessingLag',
        'PosTokenRefreshFailures',
        'RedisDown',
        'WebhookAckSlow',
        'WebhookRateLimited',
        'WebhookServerErrors',
      ].sort(),
    )
  })

  for (const a of alerts) {
    test(`${a.name}: its runbook exists with the four parts, is indexed, and promtool fixtures cover it`, () => {
      const path = join(root, a.runbook)
      expect(existsSync(path)).toBe(true)
      const page = readFileSync(path, 'utf8')
      for (const part of ['## What it means', '## Confirm', '## Fix', '## Verify']) expect(page).toContain(part)
      expect(page).toContain(a.name)
      expect(readFileSync(join(root, 'docs/runbooks/README.md'), 'utf8')).toContain(a.name)
      expect(tests).toContain(`alertname: ${a.name}`)
    })
  }
})
