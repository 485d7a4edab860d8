// The short form members share: /r/{code} is /api/referrals/visit/{code}.
export { GET } from '@/app/api/referrals/visit/[code]/route';
