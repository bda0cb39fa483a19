// The rule editor's answers: only <hx-partial>s, one per message slot plus the action's result.
import type { Children } from '@kitajs/html'
import type { FormErrors } from '../../src/http/routes/portal/rules-form.model'
import { errorSlotId } from './rules-form-inputs'

/** Fills or clears every message slot of the submitted form in one response. */
export function ErrorPartials(p: { names: string[]; errors: FormErrors }) {
  return (
    <>
      {p.names.map((name) => (
        <hx-partial hx-target={`#${errorSlotId(name)}`} safe>
          {p.errors[name] ?? ''}
        </hx-partial>
      ))}
    </>
  )
}

/**
 * An editor action's whole answer: every message slot of the draft plus the action's result.
 * Only partials, no wrapper, so htmx leaves the requesting element's own target alone.
 */
export function DraftAnswer(p: { names: string[]; errors: FormErrors; target: string; body: Children }) {
  return (
    <>
      <ErrorPartials names={p.names} errors={p.errors} />
      <hx-partial hx-target={p.target}>{p.body}</hx-partial>
    </>
  )
}
