import { setFlagsFromString } from 'node:v8';

/**
 * Imported first by main.ts, so it runs before the HTTP code it is for.
 *
 * Node's HTTP and stream functions serve every kind of object in this process: sockets of HTTP clients, PostgreSQL
 * and Redis, requests of every header shape, Fastify's answers and the fast lane's. V8 stops specialising a property
 * access once it has seen 4 object shapes there and looks every later one up in a shared hash table (a
 * "megamorphic" access): in a profile of the summary's 304s those lookups were 10 % of the API's CPU samples against
 * 2 % in a bare Fastify process. Allowing 8 shapes keeps most of them on the specialised path (3 % left), and
 * callgrind counted 6–25 % fewer instructions per 304 (docs/operations.md, "What the benchmarks showed"). A
 * process-wide setting of V8's own, not a code path of ours: if a Node release drops the flag, V8 warns on stderr
 * and goes on.
 */
setFlagsFromString('--max-valid-polymorphic-map-count=8');
