// The default extraction pipeline and the `extract` entry point: text in, ArticleJson out.
// The stage order lives here and only here; stages never import each other.

import { Pipeline, type PipelineInput, type Stage, type StageContext } from '../core/pipeline.js';
import { toArticleJson, type ArticleJson, type FormatOptions } from '../core/format.js';
import type { Doc } from '../core/doc.js';
import { tokensStage } from './tokens/stage.js';
import { quotesStage } from './quotes/stage.js';
import { cuesStage } from './cues/stage.js';
import { attributionsStage } from './attributions/stage.js';
import { learnedStage } from './learned/stage.js';
import { entitiesStage } from './entities/stage.js';
import { channelsStage } from './channels/stage.js';
import { actsStage } from './acts/stage.js';
import { notesStage } from './notes/stage.js';
import { relationsStage } from './relations/stage.js';
import { metaStage } from './meta/stage.js';

export const DEFAULT_STAGES: readonly Stage[] = [tokensStage, quotesStage, cuesStage, attributionsStage, learnedStage, entitiesStage, channelsStage, actsStage, notesStage, relationsStage, metaStage];

let defaultPipeline: Pipeline | null = null;

/** The default pipeline, built once (models and lexicons load here, not per article). */
export function getPipeline(): Pipeline {
  if (!defaultPipeline) defaultPipeline = new Pipeline(DEFAULT_STAGES);
  return defaultPipeline;
}

/** Runs the default pipeline over one article's text. Pure; never throws on any string. */
export function analyse(text: string, id?: string, ctx?: StageContext): Doc {
  return getPipeline().run(text, id, ctx);
}

/** Extracts who-said-what from one article's text, as the v1 JSON object. */
export function extract(text: string, id?: string, options: FormatOptions = {}): ArticleJson {
  return toArticleJson(analyse(text, id), options);
}

/** Extracts who-said-what from several articles at once, stage by stage (Pipeline.runBatch: less
 * CPU than one at a time, the same objects), in the order given. */
export function extractBatch(inputs: readonly PipelineInput[], options: FormatOptions = {}): ArticleJson[] {
  return getPipeline().runBatch(inputs).map((doc) => toArticleJson(doc, options));
}
