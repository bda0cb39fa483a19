// Key rotation, step two: rewrite every token envelope not under the current key (the first
// in TOKEN_ENCRYPTION_KEYS). Once this reports zero, the old key can leave the config.
import { eq, isNotNull, or } from 'drizzle-orm'
import type { AppDeps } from '../../infra/deps'
import { asSystem } from '../../infra/scope'
import { posConnections } from '../pos.schema'
import { posPartnerTokens } from './connection.schema'
import { tokenCipher } from './token-vault'

export async function reencryptTokens(deps: AppDeps): Promise<{ rewritten: number }> {
  const cipher = await tokenCipher(deps.config)
  const rewrap = async (env: string | null) =>
    env && cipher.needsReencrypt(env) ? cipher.encrypt(await cipher.decrypt(env)) : env
  let rewritten = 0
  await asSystem(deps.dbh.db, async (tx) => {
    const rows = await tx
      .select()
      .from(posConnections)
      .where(or(isNotNull(posConnections.accessTokenEnc), isNotNull(posConnections.refreshTokenEnc)))
      .for('update')
    for (const r of rows) {
      const access = await rewrap(r.accessTokenEnc)
      const refresh = await rewrap(r.refreshTokenEnc)
      if (access === r.accessTokenEnc && refresh === r.refreshTokenEnc) continue
      await tx
        .update(posConnections)
        .set({ accessTokenEnc: access, refreshTokenEnc: refresh })
        .where(eq(posConnections.id, r.id))
      rewritten++
    }
    for (const p of await tx.select().from(posPartnerTokens).for('update')) {
      const access = await rewrap(p.accessTokenEnc)
      if (access === p.accessTokenEnc || access === null) continue
      await tx.update(posPartnerTokens).set({ accessTokenEnc: access }).where(eq(posPartnerTokens.provider, p.provider))
      rewritten++
    }
  })
  return { rewritten }
}
