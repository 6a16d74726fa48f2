// y-leveldb 0.1.x and level 6 ship no types that TypeScript's "bundler" resolution finds:
// y-leveldb's export map lists no "types" condition and level 6 has none. These cover the
// parts the collaboration server uses.
declare module 'y-leveldb' {
  import type * as Y from 'yjs';

  export class LeveldbPersistence {
    constructor(location: string, options?: { level?: (location: string, options: object) => unknown; levelOptions?: object });
    getYDoc(docName: string): Promise<Y.Doc>;
    storeUpdate(docName: string, update: Uint8Array): Promise<number>;
    flushDocument(docName: string): Promise<void>;
    clearDocument(docName: string): Promise<void>;
    getAllDocNames(): Promise<string[]>;
    destroy(): Promise<void>;
  }
}

declare module 'level' {
  type OpenCallback = (error: Error | null | undefined) => void;
  /** level 6 (levelup + leveldown); opening is asynchronous and reported to the callback. */
  export default function level(location: string, options: object, callback: OpenCallback): unknown;
}
