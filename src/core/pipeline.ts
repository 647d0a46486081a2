// The pipeline: stages that declare the layers they require and provide. Building a pipeline checks
// that every requirement is provided by an earlier stage; running it never throws on any text: a
// stage that fails is recorded as a diagnostic and the rest go on with what they have.

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
    const doc = new Doc(typeof text === 'string' ? text : String(text ?? ''), id);
    for (const stage of this.stages) {
      try {
        stage.run(doc, ctx);
      } catch (error) {
        doc.diagnose(stage.name, `stage failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      for (const layer of stage.provides) doc.layers.add(layer);
      ctx.afterStage?.(stage, doc);
    }
    return doc;
  }
}
