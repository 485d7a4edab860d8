import { NotFoundMessage } from '@/ui/not-found-message';

// Inside the signed-in frame: the header (and the person's navigation) stays.
export default function NotFound() {
  return <NotFoundMessage />;
}
