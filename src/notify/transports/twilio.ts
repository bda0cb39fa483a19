// SMS through Twilio's Messages REST API (POST /2010-04-01/Accounts/{Sid}/Messages.json, Basic
// auth SID:token, form fields To/From/Body; 201 with {sid,status}; errors as {code,message}).
import { DeliveryError, type Transport } from './transport'

export type TwilioConfig = {
  baseUrl: string
  accountSid?: string | undefined
  authToken?: string | undefined
  from?: string | undefined
}

const TIMEOUT_MS = 10_000

export function twilioTransport(c: TwilioConfig): Transport {
  const { accountSid, authToken, from } = c
  if (!accountSid || !authToken || !from) throw new DeliveryError('Twilio is not configured')
  const url = `${c.baseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`
  const auth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`
  return async (msg) => {
    let res: Response
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: auth,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({ To: msg.to, From: from, Body: msg.body }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      })
    } catch {
      throw new DeliveryError('twilio unreachable')
    }
    if (res.status === 201 || res.status === 200) return
    // Twilio's error code says what went wrong (e.g. 21211 invalid To); its message may quote the number.
    const body = (await res.json().catch(() => ({}))) as { code?: number }
    throw new DeliveryError(`twilio rejected the message (http ${res.status}, code ${body.code ?? 'none'})`)
  }
}
