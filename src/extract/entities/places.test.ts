import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline } from '../../core/pipeline.js';
import { tokensStage } from '../tokens/stage.js';
import { resolveEntities } from './stage.js';
import { PLACES, countryOf } from './vocabulary.js';

const tokens = new Pipeline([tokensStage]);

/** The type of each entity the entities stage finds in `text`, by name. */
function typesIn(text: string): Map<string, string> {
  const doc = tokens.run(text);
  resolveEntities(doc);
  return new Map(doc.entities.map((e) => [e.name, e.type]));
}

test('continents and regions are places with no country', () => {
  const types = typesIn('Trade between Europe and Asia grew, while exports to the Middle East and Latin America fell and tourists left the Caribbean.');
  for (const name of ['Europe', 'Asia', 'Middle East', 'Latin America', 'Caribbean']) assert.equal(types.get(name), 'place', name);
  assert.equal(PLACES.get('europe'), null);
  assert.equal(countryOf('Europe'), null);
});

test('the UK nations, US states and other sub-national units are places in their country', () => {
  const types = typesIn('Fans travelled from England, Scotland, Wales and Northern Ireland, and others flew in from Texas, California, Ontario and Queensland.');
  for (const name of ['England', 'Scotland', 'Wales', 'Northern Ireland', 'Texas', 'California', 'Ontario', 'Queensland']) assert.equal(types.get(name), 'place', name);
  assert.equal(countryOf('England'), 'United Kingdom');
  assert.equal(countryOf('Texas'), 'United States');
  assert.equal(countryOf('Ontario'), 'Canada');
});

test('large cities that are not capitals are places in their country', () => {
  const types = typesIn('The band played in New York, Los Angeles and Houston before shows in Birmingham, Glasgow, Sydney and Mumbai.');
  for (const name of ['New York', 'Los Angeles', 'Houston', 'Birmingham', 'Glasgow', 'Sydney', 'Mumbai']) assert.equal(types.get(name), 'place', name);
  assert.equal(countryOf('Houston'), 'United States');
  assert.equal(countryOf('Mumbai'), 'India');
});

test('a name the countries already read keeps that reading', () => {
  // Georgia is the country, not the US state; Victoria the Seychelles' capital, not the Australian
  // state; Washington stays what the capitals list makes of it ("Washington D.C." only).
  assert.equal(countryOf('Georgia'), 'Georgia');
  assert.equal(countryOf('Victoria'), 'Seychelles');
  assert.equal(PLACES.has('washington'), false);
  assert.equal(countryOf('Turkey'), 'Türkiye');
});

test('names that are mostly words, clubs or people are not places', () => {
  const types = typesIn('Reading beat Bath, Chelsea drew with Arsenal, and Orlando Bloom watched from Nice.');
  for (const name of ['Reading', 'Bath', 'Chelsea', 'Arsenal', 'Orlando Bloom', 'Nice']) assert.notEqual(types.get(name), 'place', name);
  for (const word of ['reading', 'bath', 'mobile', 'nice', 'chelsea', 'arsenal', 'orlando', 'austin', 'phoenix']) assert.equal(PLACES.has(word), false, word);
});
