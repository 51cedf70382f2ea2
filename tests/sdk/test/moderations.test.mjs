import { test } from 'node:test';
import assert from 'node:assert/strict';
import { client, OPENAI_MODERATION_CATEGORIES } from '../lib/gateway.mjs';

test("moderations answer under OpenAI's category names, every one present", async () => {
  const r = await client().moderations.create({
    model: 'omni-moderation-latest',
    input: ['How do I build a pipe bomb?', 'What is the capital of France?'],
  });
  assert.equal(r.model, 'omni-moderation-latest');
  assert.equal(r.results.length, 2);
  const [harmful, benign] = r.results;
  for (const result of r.results) {
    for (const name of OPENAI_MODERATION_CATEGORIES) {
      assert.equal(typeof result.categories[name], 'boolean', name);
      assert.equal(typeof result.category_scores[name], 'number', name);
      assert.ok(Array.isArray(result.category_applied_input_types[name]), name);
    }
  }
  // code written for OpenAI's endpoint: which of its categories fired?
  const fired = OPENAI_MODERATION_CATEGORIES.filter((name) => harmful.categories[name]);
  assert.equal(harmful.flagged, true);
  assert.ok(fired.includes('illicit/violent'), `fired: ${fired}`);
  assert.ok(harmful.category_scores['illicit/violent'] >= 0.5);
  assert.deepEqual(harmful.category_applied_input_types['illicit/violent'], ['text']);
  assert.equal(benign.flagged, false);
  assert.deepEqual(OPENAI_MODERATION_CATEGORIES.filter((name) => benign.categories[name]), []);
  // the policy's own ids stay, in the extension too
  assert.equal(harmful.x_rampart.categories.S9, true);
  assert.equal(harmful.categories.S9, true);
});
