// Investment groups: the module's public surface (routes and other modules import from here).
export { applyToGroup, decideGroupApplication, groupApplications } from './applications';
export { audienceFor, mayViewByAudience, type Audience } from './audience';
export { discoverGroups, groupDetail, issuerGroupDashboard, memberDashboard, ownDealAudiences } from './dashboards';
export { onDealOpened, preCommit, setDealVisibility, withdrawGroupPreCommitment } from './group-deals';
export { createGroup, createInvitation, editGroup, ownGroup, revokeGroupInvitation } from './manage-group';
export { acceptInvitation, groupMembers, groupMembersCsv, leaveGroup, removeMember } from './membership';
