import { describe, expect, test } from 'bun:test'
import { notifications, requeuePendingNotifications } from '../../src/notify'
import { useTestApp } from '../helpers/app'

const getApp = useTestApp()

describe('messages stranded while Redis was down', () => {
  test('old pending messages go back on the delivery queue once, fresh and delivered ones do not', async () => {
    const { deps } = getApp()
    const old = new Date(Date.now() - 10 * 60_000)
    await deps.dbh.db.insert(notifications).values([
      { id: 'msg_stranded', channel: 'email', to: 'x@example.com', body: 'code', status: 'pending', createdAt: old },
      { id: 'msg_sent', channel: 'email', to: 'y@example.com', body: '[erased]', status: 'sent', createdAt: old },
      { id: 'msg_fresh', channel: 'sms', to: '+15550000000', body: 'code', status: 'pending', createdAt: new Date() },
    ])
    expect(await requeuePendingNotifications(deps)).toEqual({ requeued: 1 })
    expect(await requeuePendingNotifications(deps)).toEqual({ requeued: 1 }) // still pending: offered again…
    const jobs = await deps.queues.get('notifications').getJobs(['waiting', 'delayed'])
    expect(jobs.map((j) => j.id)).toEqual(['deliver-msg_stranded']) // …but queued only once
  })
})
