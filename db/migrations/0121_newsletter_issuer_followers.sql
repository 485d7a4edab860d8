-- A fifth newsletter segment: the confirmed subscribers whose address is a member following an issuer
-- on the community feed (user_follows, 0110). The issuer is named by their user id.
alter table newsletter_campaigns drop constraint newsletter_campaigns_segment_check;
alter table newsletter_campaigns add constraint newsletter_campaigns_segment_check
  check (segment in ('all', 'members', 'verified_investors', 'group', 'issuer_followers'));
alter table newsletter_campaigns add column segment_issuer_user_id uuid;
alter table newsletter_campaigns add constraint newsletter_campaigns_issuer_segment_check
  check ((segment = 'issuer_followers') = (segment_issuer_user_id is not null));
alter table newsletter_campaigns add constraint newsletter_campaigns_issuer_user_fkey
  foreign key (tenant_id, segment_issuer_user_id) references users (tenant_id, id);
