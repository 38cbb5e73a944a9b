// The benchmark's baseline (coffer.benchmark.Baseline): what a plain Node/Express service does
// with the same PostgreSQL and the same users table, one conditional UPDATE per request and
// nothing else (no ledger, no idempotency, no batching, no token check). It answers
// POST /balance/update like Coffer, so the benchmark's load client drives both the same way.
// Configured by the environment: PORT, and PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD as
// libpq reads them; POOL_SIZE (default 8, Coffer's production pool).
'use strict';

const express = require('express');
const { Pool } = require('pg');

const pool = new Pool({ max: Number(process.env.POOL_SIZE || 8) });
const app = express();
app.use(express.json());

const UPDATE =
  'UPDATE users SET balance = balance + $1 WHERE id = $2 AND balance + $1 >= 0 RETURNING balance';

function problem(res, status, title) {
  res.status(status).type('application/problem+json').send(JSON.stringify({ status, title }));
}

app.post('/balance/update', async (req, res) => {
  const { userId, amount } = req.body || {};
  if (!Number.isSafeInteger(userId) || !Number.isSafeInteger(amount) || amount === 0) {
    return problem(res, 400, 'userId and a non-zero amount must be integers');
  }
  try {
    const updated = await pool.query({ name: 'update', text: UPDATE, values: [amount, userId] });
    if (updated.rowCount === 1) {
      return res.json({ userId, externalId: null, balance: Number(updated.rows[0].balance) });
    }
    const known = await pool.query({
      name: 'known',
      text: 'SELECT 1 FROM users WHERE id = $1',
      values: [userId],
    });
    return known.rowCount === 0
      ? problem(res, 404, 'No such user')
      : problem(res, 400, 'Not enough balance');
  } catch (failed) {
    console.error(failed.message);
    return problem(res, 503, 'The database did not answer');
  }
});

const server = app.listen(Number(process.env.PORT || 18840), '127.0.0.1', () =>
  console.log('baseline listening on', server.address().port)
);

process.on('SIGTERM', () => server.close(() => pool.end()));
