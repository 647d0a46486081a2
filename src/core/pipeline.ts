// The pipeline: stages that declare the layers they require and provide. Building a pipeline checks
// that every requirement is provided by an earlier stage; running it never throws on any text: a
// stage that fails is recorded as a diagnostic and the rest go on with what they have. A batch of
// articles runs stage by stage (each stage over every article before the next stage starts), which
// keeps one stage's code and tables in the CPU's caches; the Docs are the same as one at a time.

import { Doc, type Layer } from './doc.js';
import { HearsayError } from './errors.js';

export interface StageContext {
  /** Called after every stage (tests use it to check invariants). */
  afterStage?: (stage: Stage, doc: Doc) => void;
}

export interface Stage {
  readonly name: string;
  readonly requires: readonly Layer[];
  readonly provides: readonly Layer[];
  run(doc: Doc, ctx: StageContext): void;
  /**
   * Optional: work for a whole batch, done before run() is called on each of its Docs (the learned
   * stage runs its taggers over all of them, each tagger's tables staying in the cache). It must not
   * change what run() produces; if it throws, run() does the work for each Doc alone.
   */
  prepareBatch?(docs: readonly Doc[], ctx: StageContext): void;
}

/** One article of a batch. */
export interface PipelineInput {
  text: string;
  id?: string;
}

export class Pipeline {
  readonly stages: readonly Stage[];

  constructor(stages: readonly Stage[]) {
    const have = new Set<Layer>(['text']);
    const names = new Set<string>();
    for (const stage of stages) {
      if (names.has(stage.name)) throw new HearsayError('PIPELINE', `Two stages are named "${stage.name}".`);
      names.add(stage.name);
      const missing = stage.requires.filter((layer) => !have.has(layer));
      if (missing.length) {
        throw new HearsayError('PIPELINE', `Stage "${stage.name}" requires ${missing.join(', ')}, which no earlier stage provides.`, {
          stage: stage.name,
          missing,
        });
      }
      for (const layer of stage.provides) have.add(layer);
    }
    this.stages = stages;
  }

  /** Runs every stage over a new Doc. Never throws for any input string. */
  run(text: string, id?: string, ctx: StageContext = {}): Doc {
    return this.runBatch([{ text, id }], ctx)[0]!;
  }

  /**
   * Runs every stage over a new Doc for each input, stage by stage: each stage runs over all the
   * batch's Docs before the next one starts. The Docs are those run() makes one at a time (stages
   * are pure functions of their Doc). Never throws for any input strings.
   */
  runBatch(inputs: readonly PipelineInput[], ctx: StageContext = {}): Doc[] {
    const docs = inputs.map(({ text, id }) => new Doc(typeof text === 'string' ? text : String(text ?? ''), id));
    for (const stage of this.stages) {
      if (stage.prepareBatch && docs.length > 1) {
        try {
          stage.prepareBatch(docs, ctx);
        } catch {
          // Nothing is lost: run() below does the work for each Doc alone, and a failure that is
          // real is recorded there, against the Doc it concerns.
        }
      }
      for (const doc of docs) {
        try {
          stage.run(doc, ctx);
        } catch (error) {
          doc.diagnose(stage.name, `stage failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        for (const layer of stage.provides) doc.layers.add(layer);
        ctx.afterStage?.(stage, doc);
      }
    }
    return docs;
  }
}
