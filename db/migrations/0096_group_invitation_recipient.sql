-- A group invitation may name the person it was sent to (issue 16: group.invited). When the
-- address belongs to a member of the tenant they hear about it through notify(); otherwise the
-- link is mailed to the address. Either way the issuer sees to whom each link went.
alter table group_invitations add column invited_email text check (length(invited_email) <= 320);
