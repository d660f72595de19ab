// Unit tests of the page's date text, run by Node's own test runner (`npm test` in ClientApp); the xunit
// suite runs this file too (Web/DateTextTests.cs), so `make test` counts it. Cases cover every form the API's EDTF
// parser accepts (src/SinoRussiaTimeline/Dates/EdtfSyntax.cs): year, month and day points, each with no qualifier or
// one of ? ~ %, closed intervals of any two of them, and open ends; plus the fallback for forms it may accept later.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, formatDay, formatInstant } from '../src/dates.js';

const cases = [
  // Points at each precision.
  ['2018', '2018'],
  ['2018-04', 'April 2018'],
  ['2018-04-08', '8 April 2018'],
  ['0850', '850'],
  // Each qualifier at each precision: "c." for approximate, "?" for uncertain, both for %.
  ['2013~', 'c. 2013'],
  ['2019?', '2019?'],
  ['2019%', 'c. 2019?'],
  ['2018-04~', 'c. April 2018'],
  ['2018-04?', 'April 2018?'],
  ['2018-04%', 'c. April 2018?'],
  ['2018-04-08~', 'c. 8 April 2018'],
  ['2018-04-08?', '8 April 2018?'],
  ['2018-04-08%', 'c. 8 April 2018?'],
  // Intervals share what their ends share.
  ['2018-04-01/2018-04-08', '1–8 April 2018'],
  ['2018-03-28/2018-04-03', '28 March – 3 April 2018'],
  ['2017-12-30/2018-01-02', '30 December 2017 – 2 January 2018'],
  ['2018-01/2018-05', 'January–May 2018'],
  ['2017-11/2018-02', 'November 2017 – February 2018'],
  ['2013/2015', '2013–2015'],
  // Ends at different precisions keep each its own.
  ['2018/2018-04-22', '2018 – 22 April 2018'],
  ['2018-04/2018-04-10', 'April 2018 – 10 April 2018'],
  ['2013/2015-06', '2013 – June 2015'],
  // An interval whose ends are the same point is that point.
  ['2018/2018', '2018'],
  ['2018-04/2018-04', 'April 2018'],
  ['2018-04-01/2018-04-01', '1 April 2018'],
  // A qualifier both ends share is said once; different ones stay with their ends.
  ['2018-04-01~/2018-04-08~', 'c. 1–8 April 2018'],
  ['2013?/2015?', '2013–2015?'],
  ['2013%/2015%', 'c. 2013–2015?'],
  ['2013?/2015', '2013?–2015'],
  ['2013~/2015', 'c. 2013 – 2015'],
  ['2018-04?/2018-06', 'April 2018? – June 2018'],
  // Open ends.
  ['2018-11-27/..', 'from 27 November 2018'],
  ['2018-04/..', 'from April 2018'],
  ['2013~/..', 'from c. 2013'],
  ['2018-04?/..', 'from April 2018?'],
];

for (const [edtf, shown] of cases) {
  test(`${edtf} is shown as "${shown}"`, () => {
    assert.equal(formatDate({ edtf, display: 'the API text' }), shown);
  });
}

test('a form the page does not read (a season, unspecified digits) falls back to the API\'s own text', () => {
  assert.equal(formatDate({ edtf: '2018-21', display: 'Spring 2018' }), 'Spring 2018');
  assert.equal(formatDate({ edtf: '2018-XX', display: '2018' }), '2018');
  assert.equal(formatDate({ edtf: '2018-13/2019', display: 'from the API' }), 'from the API');
  assert.equal(formatDate({ edtf: '2018/2019-13', display: 'from the API' }), 'from the API');
});

test('no date is no text, and a date without display text falls back to its EDTF', () => {
  assert.equal(formatDate(null), '');
  assert.equal(formatDate(undefined), '');
  assert.equal(formatDate({ edtf: 'someday' }), 'someday');
});

test('a calendar day from the API is written out', () => {
  assert.equal(formatDay('2018-06-08'), '8 June 2018');
  assert.equal(formatDay('2019-12-31'), '31 December 2019');
  assert.equal(formatDay(null), '');
  assert.equal(formatDay(undefined), '');
});

test('an instant is shown in UTC to the second, whatever its offset', () => {
  assert.equal(formatInstant('2026-11-28T15:26:54.123Z'), '28 November 2026, 15:26:54 UTC');
  assert.equal(formatInstant('2026-11-28T18:26:54+03:00'), '28 November 2026, 15:26:54 UTC');
  assert.equal(formatInstant('2026-01-01T00:30:00+01:00'), '31 December 2025, 23:30:00 UTC');
  assert.equal(formatInstant('not an instant'), 'not an instant');
});
