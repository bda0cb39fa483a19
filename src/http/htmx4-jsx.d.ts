// htmx 4 response element, declared for the type checker (stack-notes §1.4).
declare namespace JSX {
  interface IntrinsicElements {
    'hx-partial': HtmlTag & { 'hx-target'?: string; 'hx-swap'?: string }
  }
}
