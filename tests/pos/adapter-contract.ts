// The shared adapter contract (architecture-guide P6): written once, run against every POS
// adapter. Provider test files only supply fixtures and a signer built from the fakes.
import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import type { ParseOptions, PosAdapter, PosEvent, RawWebhook, SaleCompleted } from '../../src/pos'

export type ContractCase = { name: string; body: string; headers?: Record<string, string> }

export type AmountCase = ContractCase & {
  currency: string
  total: number
  subtotal?: number
  discount?: number
  tax?: number
  tip?: number
}

export type AdapterContract = {
  adapter: PosAdapter
  secret: string
  /** The notification URL as registered (Square signs it). */
  url: string
  /** Headers a genuine delivery of `body` carries, signed with `secret` (from tests/fakes). */
  sign(body: string, secret: string): Record<string, string>
  /** The same JSON with different bytes: whitespace, escaping. */
  reserialise(body: string): string
  /** A genuine sale delivery. */
  sale: ContractCase
  unknownEvent: ContractCase
  amountCases: AmountCase[]
  /** Completes notice-only sales (amounts null), e.g. via fetchDetails against a fake server. */
  resolve?: (sale: SaleCompleted) => Promise<PosEvent[]>
  parseOptions?: ParseOptions
  /** The receiving clock for verify; providers that sign a timestamp need one near the fixture's. */
  now?: Date
}

const encoder = new TextEncoder()

export function testPosAdapter(c: AdapterContract): void {
  const { adapter } = c
  const delivery = (k: ContractCase, body = k.body, secret = c.secret): RawWebhook => ({
    rawBody: body,
    headers: new Headers({ ...c.sign(k.body, secret), ...k.headers }),
  })
  const verify = (w: RawWebhook, secrets: readonly string[] = [c.secret]) =>
    adapter.verify({ ...w, url: c.url, secrets, now: c.now ?? new Date() })
  const hmacSigned = adapter.meta.webhookAuth === 'hmac-body'

  describe(`${adapter.meta.slug} adapter contract: verify`, () => {
    test('accepts a genuine delivery, as a string or as raw bytes', () => {
      const w = delivery(c.sale)
      expect(verify(w)).toBe(true)
      expect(verify({ ...w, rawBody: encoder.encode(c.sale.body) })).toBe(true)
    })

    test('refuses a delivery signed with another secret', () => {
      expect(verify(delivery(c.sale, c.sale.body, `${c.secret}-other`))).toBe(false)
    })

    test('refuses a delivery without the signature header', () => {
      const w = delivery(c.sale)
      w.headers.delete(adapter.meta.signatureHeader)
      expect(verify(w)).toBe(false)
    })

    test('refuses when no usable secret is configured', () => {
      expect(verify(delivery(c.sale), [])).toBe(false)
      expect(verify(delivery(c.sale), [''])).toBe(false)
    })

    test('accepts either secret during a rotation', () => {
      expect(verify(delivery(c.sale), ['retired-secret', c.secret])).toBe(true)
    })

    if (hmacSigned) {
      test('refuses the same JSON re-serialised with different bytes', () => {
        const body = c.reserialise(c.sale.body)
        expect(body).not.toBe(c.sale.body)
        expect(verify(delivery(c.sale, body))).toBe(false)
      })

      test('refuses a truncated body and a body with one byte changed', () => {
        expect(verify(delivery(c.sale, c.sale.body.slice(0, -3)))).toBe(false)
        const flipped = c.sale.body.replace(/\d/, (d) => String((Number(d) + 1) % 10))
        expect(verify(delivery(c.sale, flipped))).toBe(false)
      })
    } else {
      // A static token cannot bind the body; the adapter compensates by trusting no body fact.
      test('static-token provider: a tampered body still only yields notices that need a fetch', () => {
        const events = adapter.parse(delivery(c.sale, c.reserialise(c.sale.body)), c.parseOptions)
        for (const e of events) if (e.type === 'sale_completed') expect(e.amounts).toBeNull()
        expect(adapter.extractEnvelopes(delivery(c.sale, c.sale.body.slice(0, -3)))).toBeNull()
      })
    }
  })

  describe(`${adapter.meta.slug} adapter contract: envelope and parse`, () => {
    test('extracts at least one envelope, and every event belongs to one', () => {
      const w = delivery(c.sale)
      const envelopes = adapter.extractEnvelopes(w)
      expect(envelopes?.length).toBeGreaterThan(0)
      const keys = new Set(envelopes?.map((e) => `${e.externalMerchantId}|${e.providerEventId}`))
      for (const e of adapter.parse(w, c.parseOptions)) {
        expect(keys.has(`${e.externalMerchantId}|${e.providerEventId}`)).toBe(true)
      }
    })

    test('unknown event types become ignored with a reason', () => {
      const events = adapter.parse(delivery(c.unknownEvent), c.parseOptions)
      expect(events.length).toBeGreaterThan(0)
      for (const e of events) {
        expect(e.type).toBe('ignored')
        if (e.type === 'ignored') expect(e.reason.length).toBeGreaterThan(0)
      }
      expect(adapter.extractEnvelopes(delivery(c.unknownEvent))).not.toBeNull()
    })

    test('parsing the same delivery twice gives identical events', () => {
      const w = delivery(c.sale)
      const first = adapter.parse(w, c.parseOptions)
      expect(adapter.parse(w, c.parseOptions)).toEqual(first)
      expect(adapter.parse({ ...w, rawBody: encoder.encode(c.sale.body) }, c.parseOptions)).toEqual(first)
      expect(adapter.extractEnvelopes(w)).toEqual(adapter.extractEnvelopes(w))
    })

    for (const k of c.amountCases) {
      test(`amounts are integer minor units: ${k.name}`, async () => {
        const sale = await saleOf(adapter.parse(delivery(k), c.parseOptions), c.resolve)
        expect(sale.currency).toBe(k.currency)
        const amounts = sale.amounts ?? { total: Number.NaN }
        for (const value of Object.values(amounts)) expect(Number.isSafeInteger(value)).toBe(true)
        const { name: _n, body: _b, headers: _h, currency: _c, ...expected } = k
        expect(amounts).toMatchObject(expected)
      })
    }
  })

  describe(`${adapter.meta.slug} adapter contract: hostile input never throws`, () => {
    const withSaleHeaders = (rawBody: string | Uint8Array): RawWebhook => ({
      rawBody,
      headers: new Headers({ ...c.sign(c.sale.body, c.secret), ...c.sale.headers }),
    })
    const onlyIgnored = (events: PosEvent[]) => {
      expect(events.length).toBeGreaterThan(0)
      for (const e of events) expect(e.type).toBe('ignored')
    }

    test('unreadable bodies: extractEnvelopes is null, parse is ignored', () => {
      const unreadable = [
        '',
        'not json',
        '{"truncated":',
        'null',
        '[]',
        '"a string"',
        '12',
        new Uint8Array([0xff, 0xfe, 0x7b]),
      ]
      for (const rawBody of unreadable) {
        const w = withSaleHeaders(rawBody)
        expect(adapter.extractEnvelopes(w)).toBeNull()
        onlyIgnored(adapter.parse(w, c.parseOptions))
        if (hmacSigned) expect(verify(w)).toBe(false)
      }
    })

    test('well-formed JSON of the wrong shape parses to ignored', () => {
      for (const rawBody of ['{}', '{"merchants":null,"type":7,"payload":"{"}', '{"data":{"object":[]}}']) {
        onlyIgnored(adapter.parse(withSaleHeaders(rawBody), c.parseOptions))
      }
    })

    test('arbitrary strings and bytes never throw', () => {
      const headers = new Headers({ ...c.sign(c.sale.body, c.secret), ...c.sale.headers })
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.json(), fc.uint8Array()), (rawBody) => {
          adapter.extractEnvelopes({ rawBody, headers })
          adapter.parse({ rawBody, headers }, c.parseOptions)
          adapter.verify({ rawBody, headers, url: c.url, secrets: [c.secret] })
        }),
        { numRuns: 300 },
      )
    })
  })
}

/** The single sale in `events`, completed through `resolve` when it is only a notice. */
export async function saleOf(
  events: PosEvent[],
  resolve?: (sale: SaleCompleted) => Promise<PosEvent[]>,
): Promise<SaleCompleted> {
  const sale = events.find((e): e is SaleCompleted => e.type === 'sale_completed')
  if (!sale) throw new Error(`no sale in ${JSON.stringify(events.map((e) => e.type))}`)
  if (!sale.needsDetails || !resolve) return sale
  return saleOf(await resolve(sale))
}
