import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { HydrationMarker } from "@/components/layout/hydration-marker";
import { SiteHeader } from "@/components/layout/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Preflab", template: "%s · Preflab" },
  description: "Compare and rank assistant responses; export preference datasets.",
  // A private workplace: no page is for search engines (public/robots.txt keeps crawlers out too).
  robots: { index: false, follow: false },
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "32x32" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-touch-icon.png",
  },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: Next puts the nonce of the request's Content-Security-Policy
  // (proxy.ts) on its scripts only then, and a page prerendered at build would run no script at all.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <SiteHeader />
        <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
        <HydrationMarker />
      </body>
    </html>
  );
}
