// Types of the values the global setup provides to every test (`inject('redisUrl')`).
// A package's tests see them when its tsconfig includes this file:
//   "include": ["src", "test", "../testing/test-setup/provided.d.ts"]
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `redis://127.0.0.1:<port>` of the standalone redis-server started for this run. */
    redisUrl: string;
    /** Startup nodes of the local 3-master Redis Cluster started for this run. */
    redisClusterNodes: Array<{ host: string; port: number }>;
  }
}
