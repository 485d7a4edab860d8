import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <h1 className="text-3xl font-bold">Not found</h1>
      <p className="mt-4 opacity-80">There is nothing at this address. Check the link, or go back to the home page of the platform you were using.</p>
      <Link href="/" className="mt-6 inline-block font-medium underline">
        Home page
      </Link>
    </main>
  );
}
