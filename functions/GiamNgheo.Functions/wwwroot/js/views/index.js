// Every group of screens registers its routes here: one import per role's module.
import './sign-in.js';
import './commune/index.js';
import './province/progress.js';
import './province/summary.js';
import './province/reports.js';
import './province/plans.js';
import './agency/plans.js';
