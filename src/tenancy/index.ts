// Front door of tenancy: tenants, memberships and the tenant scope every query carries.
export { inTenant, asSystem, type TenantScope } from '../infra/scope'
export { getTenant, listTenants, membershipIn, membershipsOf, type Membership, type MembershipRole, type Tenant } from './tenancy.repo'
export { memberships, tenantInvites, tenants } from './tenancy.schema'
export { claimInvites } from './claim-invites'
export { createTenant, type CreateTenantInput } from './create-tenant'
export { inviteOwner } from './invite-owner'
export { setTenantStatus } from './suspend-tenant'
export { inviteStaff, staffCount, teamInvites, type TeamInvite } from './team-invites'
