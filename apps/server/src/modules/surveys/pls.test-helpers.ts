import type { PlsModelSpec } from './pls.models';

/** The ECSI-style model of R plspm's bank satisfaction example (its published results are the reference). */
export const bankModel: PlsModelSpec = {
  blocks: {
    IMAG: ['imag1', 'imag2', 'imag3', 'imag4', 'imag5'],
    EXPE: ['expe1', 'expe2', 'expe3', 'expe4', 'expe5'],
    QUAL: ['qual1', 'qual2', 'qual3', 'qual4', 'qual5'],
    VAL: ['val1', 'val2', 'val3', 'val4'],
    SAT: ['sat1', 'sat2', 'sat3', 'sat4'],
    LOY: ['loy1', 'loy2', 'loy3', 'loy4'],
  },
  paths: [
    ['IMAG', 'EXPE'],
    ['IMAG', 'SAT'],
    ['IMAG', 'LOY'],
    ['EXPE', 'QUAL'],
    ['EXPE', 'VAL'],
    ['EXPE', 'SAT'],
    ['QUAL', 'VAL'],
    ['QUAL', 'SAT'],
    ['VAL', 'SAT'],
    ['SAT', 'LOY'],
  ],
  csi: 'SAT',
};
