// Reads a command's zod options into a plain list that adapters turn into platform registrations
// (Discord's option JSON, Slack's usage hint, the console's help), so options are defined only once.
import { z } from 'zod';
import type { Command } from './command.ts';

export interface OptionSpec {
  name: string;
  description: string;
  /** "file": an attachment on Discord, a path in the terminal (see incoming-file.ts). */
  input: 'string' | 'integer' | 'boolean' | 'file';
  required: boolean;
  choices?: string[] | undefined;
  maxLength?: number | undefined;
  min?: number | undefined;
  max?: number | undefined;
}

interface OptionMeta {
  description?: string;
  input?: OptionSpec['input'];
  choices?: string[];
  maxLength?: number;
  min?: number;
  max?: number;
}

export function describeOptions(command: Command): OptionSpec[] {
  return Object.entries(command.options.shape).map(([name, field]) => {
    let schema = field as z.ZodType;
    const required = !(schema instanceof z.ZodOptional);
    if (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
    const meta = (z.globalRegistry.get(schema) ?? {}) as OptionMeta;
    if (!meta.input || !meta.description) {
      throw new Error(`option "${name}" of /${command.name} has no description or input type`);
    }
    return {
      name,
      description: meta.description,
      input: meta.input,
      required,
      choices: meta.choices,
      maxLength: meta.maxLength,
      min: meta.min,
      max: meta.max,
    };
  });
}
