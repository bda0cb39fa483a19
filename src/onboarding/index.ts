// Front door of onboarding: a shop's creation by the platform admin.
export { createTenant } from './create-tenant'
