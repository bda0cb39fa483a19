// Issue 12.12 + 13.6: staff never see a member's whole phone or email, through the API or the
// portal, list or detail; they see the POS-given name and enough of the contact to tell guests
// apart. Owners see full contacts (ADR 0017). One masking function serves API and portal.
import { beforeAll, describe, expect, test } from 'bun:test'
import { findOrCreateMemberByIdentity } from '../../src/members'
import { useTestApp } from '../helpers/app'
import { makeCast } from '../helpers/identities'

const getApp = useTestApp({ ADMIN_EMAILS: 'root@platform.test' })
let cast: Awaited<ReturnType<typeof makeCast>>
const anna = { phone: '+14155550142', email: 'guest.anna12@example.com', name: 'Anna Guest' }
const ben = { phone: '+14155550977', email: 'guest.anna34@example.com' } // no name from the POS
const FULL = [anna.phone, anna.email, ben.phone, ben.email, '4155550142', '4155550977', 'guest.anna']
let annaId: string
let benId: string

beforeAll(async () => {
  cast = await makeCast(getApp().deps)
  const scope = { tenantId: cast.tenant.id }
  annaId = (await findOrCreateMemberByIdentity(getApp().deps.dbh.db, scope, anna)).id
  benId = (await findOrCreateMemberByIdentity(getApp().deps.dbh.db, scope, ben)).id
})

type MemberJson = {
  member_id: string
  name: string | null
  phone: string | null
  email: string | null
  contact_masked: boolean
}
const api = <T>(path: string, who: 'staff' | 'owner') => getApp().json<T>(path, { headers: cast[who].headers })
const page = async (path: string, who: 'staff' | 'owner') => {
  const token = cast[who].headers.authorization!.slice(7)
  const res = await getApp().request(path, { headers: { cookie: `sa_access=${token}`, accept: 'text/html' } })
  expect(res.status).toBe(200)
  return res.text()
}
const noneOf = (text: string, values: string[]) => values.filter((v) => text.includes(v))

describe('staff see masked, recognisable contacts', () => {
  test('API list and detail: name, masked phone and email, never the whole value', async () => {
    const list = await api<{ members: MemberJson[] }>('/api/v1/merchant/members', 'staff')
    expect(list.status).toBe(200)
    const a = list.body.members.find((m) => m.member_id === annaId)!
    expect(a).toMatchObject({
      name: 'Anna Guest',
      phone: '•••• 0142',
      email: 'gu•••12@example.com',
      contact_masked: true,
    })
    const b = list.body.members.find((m) => m.member_id === benId)!
    expect(b).toMatchObject({ name: null, phone: '•••• 0977', email: 'gu•••34@example.com' })
    expect(noneOf(JSON.stringify(list.body), FULL)).toEqual([])
    const detail = await api<MemberJson>(`/api/v1/merchant/members/${annaId}`, 'staff')
    expect(detail.body).toMatchObject({ name: 'Anna Guest', phone: '•••• 0142', email: 'gu•••12@example.com' })
    expect(noneOf(JSON.stringify(detail.body), FULL)).toEqual([])
  })

  test('searching by the full email still finds the member, and still answers masked', async () => {
    const found = await api<{ members: MemberJson[] }>(
      `/api/v1/merchant/members?q=${encodeURIComponent(anna.email)}`,
      'staff',
    )
    expect(found.body.members.map((m) => m.member_id)).toEqual([annaId])
    expect(noneOf(JSON.stringify(found.body), FULL)).toEqual([])
    const byName = await api<{ members: MemberJson[] }>('/api/v1/merchant/members?q=anna%20gu', 'staff')
    expect(byName.body.members.map((m) => m.member_id)).toEqual([annaId])
  })

  test('portal list and member pages print only what the heading shows', async () => {
    const list = await page('/merchant/members', 'staff')
    expect(list).toContain('Anna Guest')
    expect(list).toContain('•••• 0142 · gu•••12@example.com')
    expect(noneOf(list, FULL)).toEqual([])
    const annaPage = await page(`/merchant/members/${annaId}`, 'staff')
    expect(annaPage).toMatch(/<h1>Anna Guest<\/h1>/)
    expect(noneOf(annaPage, FULL)).toEqual([])
    const benPage = await page(`/merchant/members/${benId}`, 'staff')
    expect(benPage).toMatch(/<h1>•••• 0977<\/h1>/)
    expect(benPage).toContain('gu•••34@example.com')
    expect(noneOf(benPage, FULL)).toEqual([])
  })
})

describe('owners see full contacts', () => {
  test('API and portal', async () => {
    const detail = await api<MemberJson>(`/api/v1/merchant/members/${annaId}`, 'owner')
    expect(detail.body).toMatchObject({
      name: 'Anna Guest',
      phone: anna.phone,
      email: anna.email,
      contact_masked: false,
    })
    const benPage = await page(`/merchant/members/${benId}`, 'owner')
    expect(benPage).toContain(`<h1>${ben.phone}</h1>`)
    expect(benPage).toContain(ben.email)
  })
})
