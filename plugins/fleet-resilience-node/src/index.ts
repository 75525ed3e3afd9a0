export * from './arc';
export * from './sources/types';
export * from './extensions';
export * from './aws';
export * from './kubernetes';
export * from './events';
export * from './util';
