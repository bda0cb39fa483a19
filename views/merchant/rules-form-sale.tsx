// The rule editor's "Try a sale" fields: posted with the draft for the preview.
import type { FormErrors } from '../../src/http/routes/portal/rules-form.model'
import { Input } from './rules-form-inputs'

/** The hypothetical sale for the preview; posted with the draft, never part of it. */
export function SaleFields(p: { errors: FormErrors }) {
  return (
    <fieldset class="card">
      <legend>Try a sale</legend>
      <div class="grid">
        <Input
          name="sale.amount"
          label="Amount before tax and tip"
          value=""
          errors={p.errors}
          inputmode="decimal"
          placeholder="23.40"
        />
        <Input name="sale.tax" label="Tax (optional)" value="" errors={p.errors} inputmode="decimal" />
        <Input name="sale.tip" label="Tip (optional)" value="" errors={p.errors} inputmode="decimal" />
        <Input name="sale.at" label="When (shop time; empty = now)" value="" errors={p.errors} type="datetime-local" />
        <Input
          name="sale.tier_points"
          label="Customer's points in the tier window (optional)"
          value=""
          errors={p.errors}
          hint="Picks their tier; empty = 0"
        />
      </div>
    </fieldset>
  )
}
