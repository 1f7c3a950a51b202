// Every group of screens registers its routes here: one import per role's module.
import './sign-in.js';
import './commune/index.js';
import './province/routes.js';
import './agency/routes.js';
