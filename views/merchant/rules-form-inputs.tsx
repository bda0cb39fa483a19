// The rule editor's field building blocks: a labelled input and a checkbox. Every field has a
// message slot (id err-…) that the server fills or clears through <hx-partial> responses, so
// validation never re-renders what is being typed.
import type { FormErrors } from '../../src/http/routes/portal/rules-form.model'

export const slug = (name: string) => name.replaceAll('.', '-')
export const errorSlotId = (name: string) => `err-${slug(name)}`

export function FieldError(p: { name: string; errors: FormErrors }) {
  return (
    <p class="field-error" id={errorSlotId(p.name)} safe>
      {p.errors[p.name] ?? ''}
    </p>
  )
}

type InputProps = {
  name: string
  label: string
  value: string
  errors: FormErrors
  hint?: string
  type?: string
  inputmode?: string
  placeholder?: string
}

export function Input(p: InputProps) {
  const id = `f-${slug(p.name)}`
  const invalid = p.errors[p.name] ? 'true' : 'false'
  return (
    <div>
      <label for={id} safe>
        {p.label}
      </label>
      <input
        id={id}
        name={p.name}
        value={p.value}
        type={p.type ?? 'text'}
        inputmode={p.inputmode ?? 'numeric'}
        placeholder={p.placeholder ?? ''}
        aria-invalid={invalid}
        aria-describedby={errorSlotId(p.name)}
        autocomplete="off"
      />
      {p.hint ? (
        <p class="muted small" safe>
          {p.hint}
        </p>
      ) : (
        ''
      )}
      <FieldError name={p.name} errors={p.errors} />
    </div>
  )
}

export function Check(p: { name: string; label: string; checked: boolean }) {
  return (
    <label class="check">
      <input type="checkbox" name={p.name} value="1" checked={p.checked} /> <span safe>{p.label}</span>
    </label>
  )
}
