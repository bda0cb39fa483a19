// The merchant's reward rules page: the editor, a preview of one sale, the back-test and the
// version history with what changed. Fragments for htmx live beside the page they update.
import { plural } from '../components/format'
import { LocalTime } from '../components/local-time'
import { BaseLayout } from '../layouts/base'
import { merchantNav } from './redeem'
import { RuleFormView, type RuleFormProps } from './rules-form'

export type VersionRow = { version: number; active: boolean; createdAt: string; changes: string[] }

const nav = merchantNav.map((n) => ({ ...n, current: n.href === '/merchant/rules' }))

export function RulesPage(
  p: RuleFormProps & { csrfToken: string; activeVersion: number; history: VersionRow[]; notice?: string | undefined },
) {
  return (
    <BaseLayout title="Reward rules" nav={nav} csrfToken={p.csrfToken}>
      <h1>Reward rules</h1>
      <p class="muted" safe>
        {`Version ${p.activeVersion} is live. Changes apply to sales from the moment you publish; past awards keep the rules they were earned under.`}
      </p>
      {p.notice ? (
        <p class="alert alert-ok" role="status" safe>
          {p.notice}
        </p>
      ) : (
        ''
      )}
      <RuleFormView {...p} />
      <section class="card" aria-live="polite">
        <h2>Preview</h2>
        <div id="preview-result">
          <p class="muted">Enter a sale above and choose “Preview this sale”.</p>
        </div>
      </section>
      <section class="card" aria-live="polite">
        <h2>Back-test</h2>
        <div id="backtest-result">
          <p class="muted">Replays your last 90 days of sales under the draft and compares them with the live rules.</p>
        </div>
      </section>
      <div id="publish-result" aria-live="polite"></div>
      <History rows={p.history} />
    </BaseLayout>
  )
}

function History(p: { rows: VersionRow[] }) {
  return (
    <section class="card" id="history">
      <h2>History</h2>
      <table>
        <thead>
          <tr>
            <th>Version</th>
            <th>Published</th>
            <th>What changed</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((v) => (
            <tr data-version={String(v.version)}>
              <td>
                <span safe>{`v${v.version}`}</span> {v.active ? <span class="badge ok">live</span> : ''}
              </td>
              <td class="small">
                <LocalTime iso={v.createdAt} />
              </td>
              <td>
                <ul class="stack">
                  {v.changes.map((c) => (
                    <li safe>{c}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

export type PreviewView = { points: number; sentence: string; notes: string[] }

/** The consumer sentence plus, for the merchant only, why campaigns did not apply. */
export function PreviewResult(p: PreviewView) {
  return (
    <div id="preview-output">
      <p class="big-number" safe>
        {plural(p.points, 'pt')}
      </p>
      <p>
        Customers would read:{' '}
        <q id="preview-sentence" safe>
          {p.sentence}
        </q>
      </p>
      {p.notes.length ? (
        <ul class="muted small">
          {p.notes.map((n) => (
            <li safe>{n}</li>
          ))}
        </ul>
      ) : (
        ''
      )}
    </div>
  )
}

export const Notice = (p: { tone: 'error' | 'warn' | 'ok'; text: string }) => (
  <p class={`alert alert-${p.tone}`} role="status" safe>
    {p.text}
  </p>
)
