-- Marking notifications read announces the user too (as inserts do, 0070), so the bell in
-- every open tab of theirs drops its count; one announcement per statement's user, folded by
-- PostgreSQL when identical.
create trigger notifications_read after update of read_at on notifications
  for each row when (old.read_at is distinct from new.read_at) execute function app_notify_notification();
