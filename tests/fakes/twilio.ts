// A local stand-in for Twilio's Messages API as documented:
//   POST /2010-04-01/Accounts/{AccountSid}/Messages.json
//   Authorization: Basic base64(AccountSid:AuthToken); form body To, From, Body
//   → 201 {sid, status:"queued", to, from, body, account_sid, …}
//   errors → {code, message, more_info, status} (e.g. 20003 bad credentials, 21211 invalid To)
export type SentSms = { to: string; from: string; body: string; sid: string }

export type FakeTwilio = {
  url: string
  accountSid: string
  authToken: string
  messages: SentSms[]
  /** Answer the next `times` sends with Twilio's 500 error shape. */
  failNext(times: number): void
  stop(): Promise<void>
}

const twilioError = (status: number, code: number, message: string) =>
  Response.json({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, { status })

export function startFakeTwilio(): FakeTwilio {
  const accountSid = `AC${crypto.randomUUID().replaceAll('-', '')}`
  const authToken = crypto.randomUUID().replaceAll('-', '')
  const messages: SentSms[] = []
  let failures = 0
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    async fetch(req) {
      const url = new URL(req.url)
      const m = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(url.pathname)
      if (!m || req.method !== 'POST') return twilioError(404, 20404, 'The requested resource was not found')
      const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`
      if (req.headers.get('authorization') !== expected || m[1] !== accountSid)
        return twilioError(401, 20003, 'Authenticate')
      if (!req.headers.get('content-type')?.startsWith('application/x-www-form-urlencoded'))
        return twilioError(400, 20001, 'Unsupported content type')
      const form = new URLSearchParams(await req.text())
      const to = form.get('To') ?? ''
      const from = form.get('From') ?? ''
      const body = form.get('Body') ?? ''
      if (!/^\+\d{8,15}$/.test(to)) return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`)
      if (!from || !body) return twilioError(400, 21602, 'Message body is required.')
      if (failures > 0) {
        failures--
        return twilioError(500, 20500, 'An internal server error has occurred')
      }
      const sid = `SM${crypto.randomUUID().replaceAll('-', '')}`
      messages.push({ to, from, body, sid })
      return Response.json(
        {
          sid,
          status: 'queued',
          to,
          from,
          body,
          account_sid: accountSid,
          num_segments: '1',
          date_created: new Date().toUTCString(),
        },
        { status: 201 },
      )
    },
  })
  return {
    url: `http://127.0.0.1:${server.port}`,
    accountSid,
    authToken,
    messages,
    failNext: (n) => {
      failures = n
    },
    stop: async () => {
      await server.stop(true)
    },
  }
}
