// The province officer's and analyst's screens. Only these few lines load with the app; each screen's code (and the
// charts) is fetched when it is first opened, so a commune officer on a slow phone never downloads it.
import { route } from '../../router.js';

/** Province officers and analysts of the province; an admin may open any province's screens by their address. */
const roles = ['province-officer', 'analyst', 'admin'];

const lazy = (load, name) => (...args) => load().then(module => module[name](...args));
const progress = () => import('./progress.js');
const summary = () => import('./summary.js');
const reports = () => import('./reports.js');
const plans = () => import('./plans.js');

route('/tinh/:province/:year/tien-do', lazy(progress, 'view'), { title: 'Tiến độ rà soát', menu: 'Tiến độ', roles });
route('/tinh/:province/:year/tong-hop', lazy(summary, 'view'), { title: 'Tổng hợp', menu: 'Tổng hợp', roles });
route('/tinh/:province/:year/bao-cao', lazy(reports, 'view'), { title: 'Báo cáo', menu: 'Báo cáo', roles });
route('/tinh/:province/:year/bao-cao/:report', lazy(reports, 'view'), { title: 'Báo cáo' });
route('/tinh/:province/:year/ke-hoach', lazy(plans, 'listView'), { title: 'Kế hoạch báo cáo', menu: 'Kế hoạch', roles });
route('/tinh/:province/:year/ke-hoach/:plan', lazy(plans, 'planView'), { title: 'Kế hoạch báo cáo' });
