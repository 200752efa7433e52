import pg from 'pg';

/**
 * A pg client that always has an 'error' listener. When PostgreSQL terminates a session (a restart, a failover) the
 * client emits 'error' if no query is running; in the moments where nobody listens (between pg-pool handing a
 * client out and TypeORM attaching its listener, or on driver paths that attach none) that event was thrown as an
 * uncaught exception and killed the process (the worker, in the PostgreSQL restart drill). With this listener the
 * error surfaces where it belongs, as the next query's failure, and pg-pool drops the broken client on release.
 */
export class ListeningPgClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}
