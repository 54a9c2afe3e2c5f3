// The Pongo lane on SQLite (a database file in a temp folder of its own). Node 22+.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { pongoScenario } from './scenario.mjs';

let dir;
let file;

pongoScenario({
  name: 'SQLite',
  driverEntry: './sqlite3',
  async setup() {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-pongo-'));
    file = path.join(dir, 'pongo.db');
    return file;
  },
  async teardown() {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  },
  // Read with the sqlite3 package, independently of the Dumbo under test.
  tableNames: () =>
    new Promise((resolve, reject) => {
      const database = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (openError) => {
        if (openError) return reject(openError);
        database.all("SELECT name FROM sqlite_master WHERE type = 'table'", (error, rows) => {
          database.close();
          if (error) reject(error);
          else resolve(rows.map((r) => r.name));
        });
      });
    }),
});
