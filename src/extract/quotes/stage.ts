// Stage "quotes": the quotations layer (doc.quotations), found by find-quotations.ts paragraph by
// paragraph. Later stages use it to tell direct speech from reported speech.

import type { Doc } from '../../core/doc.js';
import type { Stage } from '../../core/pipeline.js';
import { findQuotations } from './find-quotations.js';

export const quotesStage: Stage = {
  name: 'quotes',
  requires: ['paragraphs'],
  provides: ['quotations'],
  run(doc: Doc) {
    doc.quotations = findQuotations(doc.text, doc.paragraphs);
  },
};
