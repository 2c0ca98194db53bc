import { PGlite } from '@electric-sql/pglite';
import fs from 'node:fs';
let t = performance.now();
const lap = (l) => { const n = performance.now(); console.log(l, Math.round(n - t)); t = n; };
const db = await PGlite.create(); lap('create1');
const dump = await db.dumpDataDir('gzip'); lap('dump ' + dump.size);
fs.writeFileSync('/tmp/pgdump.tgz', Buffer.from(await dump.arrayBuffer()));
const db2 = await PGlite.create({ loadDataDir: dump }); lap('create2 from dump');
await db2.query('select 1'); lap('q');
