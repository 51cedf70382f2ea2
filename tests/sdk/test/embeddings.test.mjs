import { test } from 'node:test';
import assert from 'node:assert/strict';
import { client, EMBEDDING_MODEL } from '../lib/gateway.mjs';

test("embeddings come back in the SDK's default base64 form, decoded", async () => {
  const r = await client().embeddings.create({ model: EMBEDDING_MODEL, input: 'a quiet lighthouse' });
  assert.equal(r.object, 'list');
  assert.deepEqual(Array.from(r.data[0].embedding), [0.25, -0.5, 1]);
});

test('embeddings come back as floats when asked, one per input', async () => {
  const r = await client().embeddings.create({
    model: EMBEDDING_MODEL, input: ['a quiet lighthouse', 'a calm sea'], encoding_format: 'float',
  });
  assert.equal(r.data.length, 2);
  assert.deepEqual(r.data[1].embedding, [0.25, -0.5, 1]);
});
