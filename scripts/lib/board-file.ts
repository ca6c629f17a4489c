// Kept so branches written against the old place still build: the loader is boards/load.ts.
export * from '../../boards/load';
