// Front door of auth: tokens, sessions and who the caller is.
export { ACCESS_TOKEN_TTL_S, signAccessToken, verifyAccessToken, type AccessClaims } from './access-token'
export { isPlatformAdmin, resolveActor, type Actor, type TenantRole } from './actor'
export { users } from './auth.schema'
export { generateKeySpec, jwks, loadKeyring, type Keyring } from './keys'
export { createSession, findLiveSession, revokeSession, rotateRefreshToken, type Session } from './sessions.repo'
export { tokenPair, type TokenPair } from './token-pair'
