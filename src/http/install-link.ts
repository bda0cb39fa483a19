// The signed link that carries a parked Clover App Market install from Clover's redirect to the
// shop owner who confirms it (src/pos/connection/clover-install.ts). A symmetric JWT through
// @elysiajs/jwt, the project's choice for short-lived links we both issue and check; the
// audience pins it to this one use.
import { jwt } from '@elysiajs/jwt'
import type { AppDeps } from '../infra/deps'
import { INSTALL_TTL_MS, type ParkedInstall, signedLinkKey } from '../pos/connection'

const AUDIENCE = 'salesarck:clover-install'

export function installLinkPlugin(deps: AppDeps) {
  return jwt({
    name: 'installLink',
    secret: signedLinkKey(deps.config),
    alg: 'HS256',
    exp: `${INSTALL_TTL_MS / 1000}s`,
    aud: AUDIENCE,
  })
}

type Signer = {
  sign(v: { sub: string; mid: string; aud: string }): Promise<string>
  verify(t?: string, o?: { audience: string; algorithms: string[] }): Promise<false | Record<string, unknown>>
}

export const signInstallLink = (signer: Signer, p: ParkedInstall) =>
  signer.sign({ sub: p.installId, mid: p.merchantId, aud: AUDIENCE })

/** The parked install a link names, or null when it is forged, expired or for another use. */
export async function readInstallLink(signer: Signer, token: string | undefined): Promise<ParkedInstall | null> {
  if (!token) return null
  const claims = await signer.verify(token, { audience: AUDIENCE, algorithms: ['HS256'] })
  if (!claims || typeof claims.sub !== 'string' || typeof claims.mid !== 'string') return null
  return { installId: claims.sub, merchantId: claims.mid }
}
