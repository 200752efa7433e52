// class-transformer ships its typings apart from its CommonJS build; the storage singleton is not re-exported.
declare module 'class-transformer/cjs/storage.js' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage.js';
}
