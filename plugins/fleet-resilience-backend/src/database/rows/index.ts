/**
 * Row shapes of the tables (see migrations/) and their conversion to and
 * from records, one file per table or group of tables. SQLite returns
 * booleans as 0/1 and PostgreSQL as booleans; counts come back as strings
 * from PostgreSQL: everything is normalised here.
 */
export * from './values';
export * from './clusters';
export * from './kubernetes';
export * from './arc';
export * from './resilienceHub';
export * from './refreshResults';
export * from './audit';
export * from './readiness';
