// The opaque cursor of the members list: the last row's exact created_at (microseconds, as
// Postgres keeps it; a JS Date would drop them and skip or repeat rows) and its id.
export type MemberCursor = { at: string; id: string }

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/

export const encodeMemberCursor = (c: MemberCursor): string => Buffer.from(`${c.at}|${c.id}`).toString('base64url')

/** Null for anything that is not a cursor this code wrote (the route answers 400). */
export function decodeMemberCursor(raw: string): MemberCursor | null {
  const [at, id, ...rest] = Buffer.from(raw, 'base64url').toString('utf8').split('|')
  if (rest.length || !at || !id || !AT.test(at) || !/^[0-9A-Za-z_]{1,64}$/.test(id)) return null
  return { at, id }
}
