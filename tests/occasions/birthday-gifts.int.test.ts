// Birthday gifts (engagement 4): a consumer adds a birthday (month/day); a shop whose rules give
// a birthday gift credits it once a year on that day in the shop's own time zone, explained in
// the history; running the job again gives nothing twice.
import { beforeAll, describe, expect, test } from 'bun:test'
import { linkMembersToUser } from '../../src/members'
import { birthdaysOn, grantBirthdayGifts } from '../../src/occasions'
import { defaultRuleSet, publishRules } from '../../src/rules'
import { useTestApp } from '../helpers/app'
import { bearer, makeTenant, makeUser, signIn } from '../helpers/identities'
import { seedWallet } from '../helpers/ledger'

const getApp = useTestApp()
let n = 0

beforeAll(() => {
  getApp()
})

async function shopWithGift(timeZone: string, points: number | null) {
  const { deps } = getApp()
  const tenant = await makeTenant(deps, { timeZone })
  const base = defaultRuleSet('USD')
  if (points)
    await publishRules(
      deps,
      { tenantId: tenant.id },
      {
        ruleSetInput: { ...base, rules: [...base.rules, { kind: 'birthday_bonus', config: { points } }] },
        actorUserId: 'test',
        now: new Date(),
      },
    )
  return tenant
}

/** A signed-up person who is a member of the shop, with the birthday they set through the API. */
async function person(tenantId: string, birthday: string) {
  const { deps } = getApp()
  const phone = `+1415555${String(2000 + ++n).slice(-4)}`
  const user = await makeUser(deps, { phone })
  await seedWallet(deps.dbh.db, tenantId, { phone, points: 5 })
  await linkMembersToUser(deps.dbh.db, { id: user.id, phone, phoneVerifiedAt: new Date() })
  const headers = bearer(await signIn(deps, user.id, null))
  const res = await getApp().json('/api/v1/me', { method: 'PATCH', headers, body: { birthday } })
  expect(res.status).toBe(200)
  return { user, headers }
}

const entries = async (headers: Record<string, string>) => {
  const [w] = (await getApp().json<{ wallet_id: string; balance: number }[]>('/api/v1/consumer/wallets', { headers }))
    .body
  const list = (
    await getApp().json<{ type: string; points: number; explanation: string }[]>(
      `/api/v1/consumer/wallets/${w!.wallet_id}/entries`,
      { headers },
    )
  ).body
  return { balance: w!.balance, list }
}

describe('birthday gifts', () => {
  test('a birthday must be a real month and day; null removes it', async () => {
    const user = await makeUser(getApp().deps, { phone: '+14155559001' })
    const headers = bearer(await signIn(getApp().deps, user.id, null))
    for (const bad of ['02-30', '13-01', '4-17', '1990-04-17'])
      expect((await getApp().json('/api/v1/me', { method: 'PATCH', headers, body: { birthday: bad } })).status).toBe(
        400,
      )
    expect((await getApp().json('/api/v1/me', { method: 'PATCH', headers, body: { birthday: '02-29' } })).body).toEqual(
      { birthday: '02-29' },
    )
    expect((await getApp().json('/api/v1/me', { method: 'PATCH', headers, body: { birthday: null } })).body).toEqual({
      birthday: null,
    })
  })

  test("on the day in the shop's zone: once, explained; not the day before; not in a shop without the gift", async () => {
    const auckland = await shopWithGift('Pacific/Auckland', 50)
    const plain = await shopWithGift('Pacific/Auckland', null)
    const ana = await person(auckland.id, '04-17')
    await person(plain.id, '04-17')
    const deps = getApp().deps
    // 11:59 UTC on 16 April is 23:59 on the 16th in Auckland (NZST, +12): not yet.
    await grantBirthdayGifts(deps, new Date('2027-04-16T11:59:00Z'))
    expect((await entries(ana.headers)).balance).toBe(5)
    // 12:00 UTC on 16 April is already midnight, the 17th, in Auckland.
    const first = await grantBirthdayGifts(deps, new Date('2027-04-16T12:00:00Z'))
    expect(first.find((r) => r.tenantId === auckland.id)?.granted).toBe(1)
    expect(first.find((r) => r.tenantId === plain.id)).toBeUndefined()
    expect(
      (await grantBirthdayGifts(deps, new Date('2027-04-17T09:00:00Z'))).find((r) => r.tenantId === auckland.id)
        ?.granted,
    ).toBe(0)
    const after = await entries(ana.headers)
    expect(after.balance).toBe(55)
    expect(after.list[0]).toMatchObject({
      type: 'earn',
      points: 50,
      explanation: expect.stringContaining('Happy birthday from'),
    })
    // Next year, again once.
    await grantBirthdayGifts(deps, new Date('2028-04-17T01:00:00Z'))
    expect((await entries(ana.headers)).balance).toBe(105)
  })

  test('29 February birthdays are celebrated on the 28th when the year has no 29th', () => {
    expect(birthdaysOn({ year: 2027, month: 2, day: 28 })).toEqual(['02-28', '02-29'])
    expect(birthdaysOn({ year: 2028, month: 2, day: 28 })).toEqual(['02-28'])
    expect(birthdaysOn({ year: 2028, month: 2, day: 29 })).toEqual(['02-29'])
  })

  test('the rules API lists the gift; the account page saves a birthday', async () => {
    const shop = await shopWithGift('UTC', 20)
    const rules = await getApp().json<{ active: { rule_set: { rules: { kind: string }[] } } }>(
      '/api/v1/merchant/rules',
      { headers: (await ownerOf(shop.id)).headers },
    )
    expect(rules.body.active.rule_set.rules.map((r) => r.kind)).toContain('birthday_bonus')
    const user = await makeUser(getApp().deps, { phone: '+14155559002' })
    const tokens = await signIn(getApp().deps, user.id, null)
    const res = await getApp().request('/account/birthday', {
      method: 'POST',
      headers: {
        cookie: `sa_access=${tokens.access_token}; sa_csrf=c${'x'.repeat(31)}`,
        'x-csrf-token': `c${'x'.repeat(31)}`,
        'content-type': 'application/x-www-form-urlencoded',
        'hx-request': 'true',
      },
      body: 'month=11&day=3',
    })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Saved.')
    // A PATCH without the field reads it back unchanged.
    expect(
      (await getApp().json<{ birthday: string }>('/api/v1/me', { method: 'PATCH', headers: bearer(tokens), body: {} }))
        .body,
    ).toEqual({ birthday: '11-03' })
  })
})

async function ownerOf(tenantId: string) {
  const { addMembership } = await import('../helpers/identities')
  const owner = await makeUser(getApp().deps, { email: `owner-${++n}@shop.test` })
  await addMembership(getApp().deps, owner.id, tenantId, 'merchant_owner')
  return { headers: bearer(await signIn(getApp().deps, owner.id, tenantId)) }
}
