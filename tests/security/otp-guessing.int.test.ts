// Issue 12.9: OTP guesses count per destination across codes and IPs. Each code dies after 5
// wrong guesses, and a destination gets RATE_LIMIT_SIGNIN_WRONG_CODES_PER_DAY wrong codes a day
// (7 here) however many IPs (Fly-Client-IP) and fresh codes the guesser goes through.
import { describe, expect, test } from 'bun:test'
import { listOutbox } from '../../src/notify'
import { useTestApp } from '../helpers/app'

const getApp = useTestApp({
  TRUSTED_IP_HEADER: 'fly-client-ip',
  RATE_LIMIT_SIGNIN_WRONG_CODES_PER_DAY: '7',
  RATE_LIMIT_SIGNIN_PER_DESTINATION: '20',
  OTP_RESEND_COOLDOWN_S: '1',
})

let ipSeq = 0
/** Every call from a new address, as an attacker with a pool of IPs would do. */
const freshIp = () => ({ 'fly-client-ip': `198.51.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}` })
const post = (path: string, body: unknown) =>
  getApp().json<{ error?: { code: string; message: string } }>(path, { method: 'POST', body, headers: freshIp() })

async function newCode(destination: string): Promise<string> {
  await Bun.sleep(1_050) // past the 1 s resend cool-down
  expect((await post('/api/v1/auth/otp', { destination })).status).toBe(202)
  const m = (await listOutbox(getApp().deps.dbh.db)).find((x) => x.to === destination)
  const code = m?.body.match(/\b(\d{6})\b/)?.[1]
  if (!code) throw new Error('no code in the outbox')
  return code
}
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0')
const verify = (destination: string, code: string) => post('/api/v1/auth/verify', { destination, code })

describe('OTP guessing from rotating IPs', () => {
  test('after the daily number of wrong codes for a destination, more guesses and even the right code get 429', async () => {
    const destination = `victim-${crypto.randomUUID().slice(0, 8)}@example.com`
    const first = await newCode(destination)
    for (let i = 0; i < 5; i++) expect((await verify(destination, wrong(first))).status).toBe(401)
    const second = await newCode(destination)
    for (let i = 0; i < 2; i++) expect((await verify(destination, wrong(second))).status).toBe(401)
    // The 8th wrong guess of the day, on a code with only 2 wrong so far, from a new IP.
    const capped = await verify(destination, wrong(second))
    expect(capped.status).toBe(429)
    expect(capped.body.error?.code).toBe('rate_limited')
    expect(capped.headers.get('retry-after')).toBeTruthy()
    // A fresh code does not reopen the day: not even the right code is accepted.
    const third = await newCode(destination)
    expect((await verify(destination, third)).status).toBe(429)
  }, 20_000)

  test('the cap is per destination: another address from the same IPs signs in', async () => {
    const other = `bystander-${crypto.randomUUID().slice(0, 8)}@example.com`
    expect((await verify(other, await newCode(other))).status).toBe(200)
  }, 10_000)

  test('right codes do not use up the day: only wrong ones count', async () => {
    const destination = `regular-${crypto.randomUUID().slice(0, 8)}@example.com`
    for (let i = 0; i < 2; i++) expect((await verify(destination, await newCode(destination))).status).toBe(200)
    const a = await newCode(destination)
    for (let i = 0; i < 5; i++) expect((await verify(destination, wrong(a))).status).toBe(401)
    const b = await newCode(destination)
    expect((await verify(destination, wrong(b))).status).toBe(401)
    // 6 wrong + 2 right so far: within 7 only if the right ones were given back.
    expect((await verify(destination, b)).status).toBe(200)
  }, 20_000)
})
