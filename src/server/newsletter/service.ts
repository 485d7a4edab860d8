// The newsletter module's public surface (issue 20): subscribers with double opt-in and
// one-click unsubscribe, campaigns, the sending job and click tracking.
export { confirmSubscription, memberSubscription, setMemberSubscription, subscribe, unsubscribe } from './subscribers';
export { campaignGroups, campaignIssuers, createCampaign, editCampaign, getCampaign, listAllCampaigns, previewCampaign, sendCampaign, unscheduleCampaign, type CampaignView } from './campaigns';
export { queueNextBatch, runNewsletterSends } from './sending';
export { followClick } from './clicks';
