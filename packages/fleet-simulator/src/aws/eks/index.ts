export { createEksService } from './service';
