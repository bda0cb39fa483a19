// A local stand-in for Supabase Auth (GoTrue) following its documented REST API:
//   POST /auth/v1/otp                          {email|phone, create_user} → 200 {}
//   POST /auth/v1/verify                       {type, email|phone, token} → 200 session | 403 {code,error_code,msg}
//   POST /auth/v1/token?grant_type=refresh_token {refresh_token} → 200 session | 400 (refresh tokens are single use;
//                                              reusing one revokes the session, like GoTrue's reuse detection)
//   POST /auth/v1/logout?scope=local           Bearer access token → 204
//   GET  /auth/v1/.well-known/jwks.json        its own ES256 public key
// Every call needs the `apikey` header. Access tokens are ES256 JWTs with iss <url>/auth/v1,
// aud "authenticated", sub (user id), session_id, email, phone, role.
import { type CryptoKey, SignJWT, exportJWK, generateKeyPair, jwtVerify } from 'jose'

type Session = { id: string; userId: string; email: string | null; phone: string | null; revoked: boolean }

export type FakeSupabase = {
  url: string
  anonKey: string
  /** The last code "sent" to an email or phone (as the test would read it from the inbox). */
  lastCode(destination: string): string | undefined
  /** Signs a token with the fake's key and arbitrary claims (forgery tests). */
  sign(claims: Record<string, unknown>, opts?: { expiresInS?: number }): Promise<string>
  stop(): Promise<void>
}

const json = (status: number, body: unknown) => Response.json(body, { status })
const gotrueError = (status: number, error_code: string, msg: string) => json(status, { code: status, error_code, msg })
const rand = (n: number) => Buffer.from(crypto.getRandomValues(new Uint8Array(n))).toString('base64url')

export async function startFakeSupabase(): Promise<FakeSupabase> {
  const anonKey = `anon-${rand(12)}`
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  const kid = `fake-sb-${rand(4)}`
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }
  const codes = new Map<string, { code: string; expires: number }>()
  const usersByDest = new Map<string, string>()
  const sessions = new Map<string, Session>()
  const refresh = new Map<string, { sessionId: string; used: boolean }>()
  let base = ''

  const sign = (claims: Record<string, unknown>, key: CryptoKey = privateKey, expiresInS = 3600) => {
    const now = Math.floor(Date.now() / 1000)
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
      .setIssuer(`${base}/auth/v1`)
      .setAudience('authenticated')
      .setIssuedAt(now)
      .setExpirationTime(now + expiresInS)
      .sign(key)
  }

  async function issue(s: Session) {
    const token = rand(9)
    refresh.set(token, { sessionId: s.id, used: false })
    const access_token = await sign({
      sub: s.userId,
      session_id: s.id,
      email: s.email ?? '',
      phone: s.phone ?? '',
      role: 'authenticated',
      aal: 'aal1',
    })
    return json(200, {
      access_token,
      token_type: 'bearer',
      expires_in: 3600,
      expires_at: Math.floor(Date.now() / 1000) + 3600,
      refresh_token: token,
      user: { id: s.userId, email: s.email, phone: s.phone },
    })
  }

  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    async fetch(req) {
      const url = new URL(req.url)
      if (url.pathname === '/auth/v1/.well-known/jwks.json') return json(200, { keys: [jwk] })
      if (req.headers.get('apikey') !== anonKey) return json(401, { message: 'Invalid API key' })
      if (req.method !== 'POST') return json(404, { message: 'not found' })
      const body = ((await req.json().catch(() => ({}))) ?? {}) as Record<string, string>
      switch (url.pathname) {
        case '/auth/v1/otp': {
          const dest = body.email ?? body.phone
          if (!dest) return gotrueError(400, 'validation_failed', 'An email address or phone number is required')
          codes.set(dest, {
            code: String(Math.floor(Math.random() * 1e6)).padStart(6, '0'),
            expires: Date.now() + 3600_000,
          })
          return json(200, body.phone ? { message_id: rand(8) } : {})
        }
        case '/auth/v1/verify': {
          const dest = body.email ?? body.phone ?? ''
          const c = codes.get(dest)
          if (!c || c.code !== body.token || c.expires < Date.now())
            return gotrueError(403, 'otp_expired', 'Token has expired or is invalid')
          codes.delete(dest)
          let userId = usersByDest.get(dest)
          if (!userId) {
            userId = crypto.randomUUID()
            usersByDest.set(dest, userId)
          }
          const s: Session = {
            id: crypto.randomUUID(),
            userId,
            email: body.email ?? null,
            phone: body.phone ? body.phone.replace(/^\+/, '') : null,
            revoked: false,
          }
          sessions.set(s.id, s)
          return issue(s)
        }
        case '/auth/v1/token': {
          if (url.searchParams.get('grant_type') !== 'refresh_token')
            return gotrueError(400, 'unsupported_grant_type', 'unsupported grant type')
          const r = refresh.get(body.refresh_token ?? '')
          const s = r ? sessions.get(r.sessionId) : undefined
          if (!r || !s || s.revoked)
            return gotrueError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found')
          if (r.used) {
            s.revoked = true
            return gotrueError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used')
          }
          r.used = true
          return issue(s)
        }
        case '/auth/v1/logout': {
          const bearer = req.headers.get('authorization')?.replace(/^Bearer /, '') ?? ''
          try {
            const { payload } = await jwtVerify(bearer, publicKey, {
              issuer: `${base}/auth/v1`,
              audience: 'authenticated',
            })
            const s = sessions.get(String(payload.session_id))
            if (s) s.revoked = true
            return new Response(null, { status: 204 })
          } catch {
            return gotrueError(401, 'bad_jwt', 'invalid JWT')
          }
        }
        default:
          return json(404, { message: 'not found' })
      }
    },
  })
  base = `http://127.0.0.1:${server.port}`
  return {
    url: base,
    anonKey,
    lastCode: (d) => codes.get(d)?.code,
    sign: (claims, opts) => sign(claims, privateKey, opts?.expiresInS ?? 3600),
    stop: async () => {
      await server.stop(true)
    },
  }
}
