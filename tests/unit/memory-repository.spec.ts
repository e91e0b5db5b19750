import { MemoryRepository } from '$core/memory-repository';
import { repositoryContract } from './repository-contract';

repositoryContract('memory', async () => new MemoryRepository());
