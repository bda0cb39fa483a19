// bench:scale's data set, written straight in SQL (generate_series) because going through the
// front doors would take hours at 1M+ rows. It is consistent the way production data is: every
// sale is awarded with one earn entry and one lot, each wallet's balance equals its ledger sum,
// each lot's remaining equals its points, and balance_after runs up per wallet. Entries are spread
// over the past year, oldest first, so the overview's 30-day chart has data.
import type postgres from 'postgres'

export type SeedShape = {
  tenantId: string
  ruleVersionId: string
  prefix: string
  members: number
  entries: number
  now: Date
}

const CHUNK = 200_000

/** Wallet w earns a fixed 1..40 points per sale, so its k-th balance_after is points × (k+1). */
const pointsOf = (w: string) => `(1 + (${w} % 40))`

export async function seedTenant(sql: postgres.Sql, s: SeedShape, log: (line: string) => void): Promise<void> {
  const p = s.prefix
  const nowIso = s.now.toISOString()
  const t0 = performance.now()
  const since = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`
  await sql.unsafe(
    `insert into members (id, tenant_id, phone, email, created_at)
     select '${p}m' || lpad(g::text, 9, '0'), $1, '+1555' || lpad(g::text, 7, '0'), 'member' || g || '@${p}.example',
            $2::timestamptz - make_interval(mins => ($3 - g))
       from generate_series(0, $3 - 1) g`,
    [s.tenantId, nowIso, s.members],
  )
  log(`  ${s.members.toLocaleString('en')} members (${since()})`)
  // Balance = points × sales of the wallet; sales go round-robin (entry i → wallet i mod members).
  await sql.unsafe(
    `insert into wallets (id, tenant_id, member_id, balance, created_at, updated_at)
     select '${p}w' || lpad(g::text, 9, '0'), $1, '${p}m' || lpad(g::text, 9, '0'),
            ${pointsOf('g')} * (($2 / $3) + (case when g < $2 % $3 then 1 else 0 end)), $4::timestamptz, $4::timestamptz
       from generate_series(0, $3 - 1) g`,
    [s.tenantId, s.entries, s.members, nowIso],
  )
  log(`  ${s.members.toLocaleString('en')} wallets (${since()})`)
  for (let lo = 0; lo < s.entries; lo += CHUNK) {
    const hi = Math.min(s.entries, lo + CHUNK)
    const args = [s.tenantId, nowIso, s.entries, s.members, lo, hi, s.ruleVersionId]
    // Entry i happens (entries - i) × (1 year / entries) before now.
    const gen = `from generate_series($5::int, $6::int - 1) i`
    const at = `$2::timestamptz - make_interval(secs => ($3 - i)::float8 * 31536000 / $3)`
    await sql.unsafe(
      `insert into pos_transactions (id, tenant_id, provider, provider_transaction_id, occurred_at, currency, total_minor, member_id, state, points_awarded, rule_version_id, explanation, created_at, updated_at)
       select '${p}t' || lpad(i::text, 10, '0'), $1, 'square', '${p}sq' || i, ${at}, 'USD', ${pointsOf('(i % $4)')} * 100 + 37,
              '${p}m' || lpad((i % $4)::text, 9, '0'), 'awarded', ${pointsOf('(i % $4)')}, $7, 'bench sale', ${at}, ${at} ${gen}`,
      args,
    )
    await sql.unsafe(
      `insert into ledger_entries (id, tenant_id, wallet_id, type, points, balance_after, reference_type, reference_id, rule_version_id, explanation, created_at)
       select '${p}e' || lpad(i::text, 10, '0'), $1, '${p}w' || lpad((i % $4)::text, 9, '0'), 'earn', ${pointsOf('(i % $4)')},
              ${pointsOf('(i % $4)')} * (i / $4 + 1), 'pos_txn', '${p}t' || lpad(i::text, 10, '0'), $7, 'bench sale', ${at} ${gen}`,
      args,
    )
    await sql.unsafe(
      `insert into lots (id, tenant_id, wallet_id, entry_id, points, remaining, expires_at, created_at)
       select '${p}l' || lpad(i::text, 10, '0'), $1, '${p}w' || lpad((i % $4)::text, 9, '0'), '${p}e' || lpad(i::text, 10, '0'),
              ${pointsOf('(i % $4)')}, ${pointsOf('(i % $4)')}, null, ${at} ${gen}`,
      args.slice(0, 6),
    )
    log(`  ${hi.toLocaleString('en')} / ${s.entries.toLocaleString('en')} sales, entries and lots (${since()})`)
  }
}
