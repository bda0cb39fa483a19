// The reward catalog: what points buy at this shop. Owners edit it (saving publishes a rule
// version); staff see it read-only, so they know what a code can be for.
import { BaseLayout } from '../layouts/base'

export type RewardRow = { reward_id: string; name: string; points: string; active: boolean }
export type RewardsView = {
  rows: RewardRow[]
  allowCustomPoints: boolean
  canEdit: boolean
  activeVersion: number
  csrfToken: string
  errors: Record<string, string>
  notice?: string | undefined
}

/** Empty rows to add rewards in; left out when saved empty. */
const SPARE_ROWS = 2

export function RewardsPage(p: RewardsView) {
  const rows = p.canEdit
    ? [...p.rows, ...Array.from({ length: SPARE_ROWS }, () => ({ reward_id: '', name: '', points: '', active: true }))]
    : p.rows
  return (
    <BaseLayout title="Rewards" csrfToken={p.csrfToken}>
      <h1>Rewards</h1>
      <p class="muted" safe>
        {`What your customers' points buy. The catalog is part of your rules (version ${p.activeVersion} is live): saving publishes a new version, and codes already issued keep the reward they were for.`}
      </p>
      {p.notice ? (
        <p class="alert alert-ok" role="status" safe>
          {p.notice}
        </p>
      ) : (
        ''
      )}
      {p.errors._form ? (
        <p class="alert alert-error" role="alert" safe>
          {p.errors._form}
        </p>
      ) : (
        ''
      )}
      <form method="post" action="/merchant/rewards" class="card stack" id="rewards-form">
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <fieldset disabled={!p.canEdit}>
          <table>
            <thead>
              <tr>
                <th>Reward</th>
                <th>Points</th>
                <th>Offered</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr data-reward={r.name}>
                  <td>
                    <input type="hidden" name={`rewards.${i}.reward_id`} value={r.reward_id} />
                    <input
                      name={`rewards.${i}.name`}
                      value={r.name}
                      aria-label="Reward name"
                      placeholder="Free drink"
                      maxlength="60"
                    />
                    <Err errors={p.errors} name={`rewards.${i}.name`} />
                  </td>
                  <td>
                    <input
                      name={`rewards.${i}.points`}
                      value={r.points}
                      aria-label="Points it costs"
                      inputmode="numeric"
                      placeholder="100"
                    />
                    <Err errors={p.errors} name={`rewards.${i}.points`} />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      name={`rewards.${i}.active`}
                      value="1"
                      checked={r.active}
                      aria-label="Offered"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {p.rows.length === 0 && !p.canEdit ? (
            <p class="muted">No rewards yet: customers redeem an amount of points.</p>
          ) : (
            ''
          )}
          <label class="check">
            <input type="checkbox" name="allow_custom_points" value="1" checked={p.allowCustomPoints} /> Customers may
            also redeem an amount of points of their choosing
          </label>
          {p.canEdit ? (
            <button type="submit">Save and publish</button>
          ) : (
            <p class="muted small">Only the shop owner can change rewards.</p>
          )}
        </fieldset>
      </form>
    </BaseLayout>
  )
}

function Err(p: { errors: Record<string, string>; name: string }) {
  return p.errors[p.name] ? (
    <p class="field-error" safe>
      {p.errors[p.name]}
    </p>
  ) : (
    ''
  )
}
