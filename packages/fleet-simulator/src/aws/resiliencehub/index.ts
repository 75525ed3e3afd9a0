export { createResilienceHubService } from './service';
