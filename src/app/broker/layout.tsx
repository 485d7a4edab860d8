export { default } from '../app-shell-layout';
