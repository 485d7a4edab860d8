import Link from 'next/link';

/** "Not found" with the way back: the home page sends a signed-in person to their own workspace. */
export function NotFoundMessage() {
  return (
    <div className="mx-auto max-w-xl px-6 py-16 text-center">
      <h1 className="text-3xl font-bold">Not found</h1>
      <p className="mt-4 text-muted-foreground">There is nothing at this address, or it is not part of your workspace. Check the link, or go back to where you work.</p>
      <Link href="/" className="mt-6 inline-block font-medium text-primary-text hover:underline">
        Back to your workspace
      </Link>
    </div>
  );
}
