-- The rate limits' counters (lib/rate-limit.ts): the table rate-limiter-flexible's PostgreSQL store
-- would create itself, made here so that it exists before the first request and the app's database
-- user needs no right to create tables.
CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- The library deletes expired counters every five minutes by `expire`.
CREATE INDEX "rate_limits_expire_idx" ON "rate_limits"("expire");
