import { redirect } from 'next/navigation';

export default function IssuerHome() {
  redirect('/issuer/deals');
}
